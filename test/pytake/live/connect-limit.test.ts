/**
 * `$connect` attempts are limited per address (60 a minute), counted before
 * the credential is read: attempts with no token or a bad one use up the
 * window too, and the rest are refused 429 before the upgrade, even with a
 * good token. Its own file: the gateway sees every test from 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_CONNECTS_PER_MINUTE } from '../../../functions/pytake/live/live.ts';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { pytakeHarness } from '../app-client.ts';
import { LiveSocket } from './live-socket.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

describe('$connect attempts per address', () => {
  it('refuses the attempt after the limit with 429, whatever its token, until the window ends', { timeout: 120_000 }, async () => {
    const admin = await h.registerOrg();
    const url = `${runtime.url.replace(/^http/, 'ws')}/pytake/ws`;
    const minute = () => Math.floor(Date.now() / 60_000);
    const burst = () => Promise.all(Array.from({ length: LIVE_CONNECTS_PER_MINUTE + 1 }, () => LiveSocket.refusal(url)));
    let statuses = await burst();
    // A burst that straddled two windows may fit under the limit in each: the next one cannot.
    if (!statuses.includes(429)) statuses = await burst();
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    expect(statuses).toContain(429);
    const asked = minute();
    const withToken = await LiveSocket.refusal(url, { authorization: `Bearer ${admin.token}` });
    // A good token is refused too while the window lasts (a new window would rightly let it in).
    expect(withToken === 429 || minute() !== asked).toBe(true);
  });
});
