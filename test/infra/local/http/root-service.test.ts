import { describe, expect, it } from 'vitest';
import liftlog from '../../../../functions/liftlog/service.ts';
import penhas from '../../../../functions/penhas/service.ts';
import { startTestRuntime, sharedRuntime } from '../../../support/runtime.ts';

// The PenhaS app replaces its base URL's path with each route's: it can only talk to an API at the root.
const runtime = sharedRuntime({ services: [liftlog, penhas], rootService: 'penhas' });

describe('a root service', () => {
  it('answers its routes at the root, as at its prefix', async () => {
    const atRoot = await fetch(`${runtime.url}/health`);
    expect(atRoot.status).toBe(200);
    expect(await atRoot.json()).toEqual({ status: 'ok', service: 'penhas' });
    expect((await fetch(`${runtime.url}/penhas/health`)).status).toBe(200);
  });

  it('keeps the query string and leaves other services their prefixes', async () => {
    const missing = await fetch(`${runtime.url}/me?api_key=not-a-token`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('expired_jwt');
    const other = await fetch(`${runtime.url}/liftlog/health`);
    expect(await other.text()).toBe('healthy');
  });

  it('answers 404 for a path none of its routes match', async () => {
    expect((await fetch(`${runtime.url}/no-such-route`)).status).toBe(404);
  });

  it('must be one of the runtime services', async () => {
    await expect(startTestRuntime({ services: [liftlog], rootService: 'penhas' })).rejects.toThrow(/no such service/);
  });
});
