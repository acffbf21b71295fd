import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import liftlog from '../../../../functions/liftlog/service.ts';
import gatewayEcho from '../../../fixtures/gateway-echo-service/service.ts';
import { sharedRuntime } from '../../../support/runtime.ts';

// liftlog declares `caseInsensitivePaths`; the echo service does not.
const runtime = sharedRuntime({ services: [liftlog, gatewayEcho] });
/** The coach's pro access for local runs (the manifest's local WEB_API_KEY). */
const AUTHORIZATION = 'Web local-web-api-key';

/** Opens a WebSocket and answers how the handshake went: `open`, or the HTTP status that refused it. */
function handshake(path: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${runtime.url.replace(/^http/, 'ws')}${path}`, { headers: { authorization: AUTHORIZATION } });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('paths of a service with caseInsensitivePaths', () => {
  it('match HTTP routes in any case', async () => {
    expect((await fetch(`${runtime.url}/liftlog/HEALTH`)).status).toBe(200);
  });

  it('match WebSocket APIs in any case, as the HTTP routes do', async () => {
    expect(await handshake('/liftlog/AI-CHAT-V2')).toBe('open');
    expect(await handshake('/liftlog/Ai-Chat')).toBe('open');
  });
});

describe('paths of a service without it', () => {
  it('match only as declared', async () => {
    expect((await fetch(`${runtime.url}/gateway-echo-service/PLAIN`)).status).toBe(404);
    expect((await fetch(`${runtime.url}/gateway-echo-service/plain`)).status).toBe(200);
  });
});
