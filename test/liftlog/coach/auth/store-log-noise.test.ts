/**
 * Anyone may name any app store in a pro token, so a refusal must not let
 * them fill the logs: an unknown store or one this deployment has no
 * credentials for is refused with 401, logged at most once per execution
 * environment in one short line, never at ERROR and never with a stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import liftlog from '../../../../functions/liftlog/service.ts';
import type { LocalRuntime } from '../../../../infra/local/runtime.ts';
import { startTestRuntime } from '../../../support/runtime.ts';
import { eventually } from '../../app-client.ts';

let runtime: LocalRuntime;
const lines: string[] = [];
beforeAll(async () => {
  // A deployment with credentials for none of the stores: Google Play, the App Store and RevenueCat cannot be asked.
  const unconfigured = { GOOGLE_PLAY_PACKAGE_NAME: '', GOOGLE_SERVICE_ACCOUNT_JSON: '', APPLE_ISSUER_ID: '', APPLE_KEY_ID: '', REVENUECAT_API_KEY: '' };
  runtime = await startTestRuntime({ services: [liftlog], environment: unconfigured, log: (line) => lines.push(line) });
});
afterAll(() => runtime?.stop());

const negotiate = async (authorization: string) => {
  const response = await fetch(`${runtime.url}/liftlog/ai-chat-v2/negotiate?negotiateVersion=1`, { method: 'POST', headers: { authorization } });
  await response.arrayBuffer();
  return response.status;
};

describe('POST /ai-chat-v2/negotiate naming stores it cannot ask', () => {
  it('answers 401 every time and logs one short warning per store, no error and no stack', async () => {
    for (let i = 0; i < 25; i++) {
      for (const store of ['GooglePlay', 'RevenueCat', 'SomeOtherStore']) expect(await negotiate(`${store} token-${i}`)).toBe(401);
    }
    // A store named for the first time last: once its warning is in, so is everything logged before it.
    expect(await negotiate('AppleAppStore token')).toBe(401);
    await eventually(async () => lines.some((line) => line.includes('without credentials') && line.includes('AppleAppStore')));

    expect(lines.filter((line) => /\bERROR\b/.test(line))).toEqual([]);
    expect(lines.filter((line) => /\bat .+:\d+:\d+/.test(line))).toEqual([]);
    for (const store of ['GooglePlay', 'AppleAppStore', 'RevenueCat']) {
      expect(lines.filter((line) => line.includes('without credentials') && line.includes(store)).length).toBeLessThanOrEqual(1);
    }
    expect(lines.filter((line) => line.includes('SomeOtherStore'))).toEqual([]);
    for (const line of lines) expect(line.length).toBeLessThan(600);
  });
});
