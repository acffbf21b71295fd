/**
 * What the auth and users functions log never holds a password, an access or
 * refresh token, or an e-mail address, for requests that succeed and for
 * those that fail while carrying them.
 */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, pytakeHarness } from '../app-client.ts';

const lines: string[] = [];
const runtime = sharedRuntime({ services: [pytake], log: (line) => lines.push(line) });
const h = pytakeHarness(runtime);

describe('auth logs', () => {
  it('hold none of the credentials and addresses the requests carried', async () => {
    const email = `registro-${Date.now()}@example.com`;
    const password = 'Segredo-1-de-registro';
    const registered = await h.app.post('/auth/register', { json: { email, password, full_name: 'Ana', organization_name: 'Org' }, ip: freshIp() });
    expect(registered.status).toBe(201);
    const wrong = await h.app.post('/auth/login', { json: { email, password: 'Errada-senha-99' }, ip: freshIp() });
    expect(wrong.status).toBe(401);
    const login = await h.app.login(email, password);
    const refreshed = await h.app.post('/auth/refresh', { json: { refresh_token: login.token.refresh_token } });
    expect(refreshed.status).toBe(200);
    // A replay, refused, still logs no token.
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: login.token.refresh_token } })).status).toBe(401);
    const agentEmail = `agente-${Date.now()}@example.com`;
    const created = await h.app.post('/users', {
      token: registered.body.token.access_token,
      json: { email: agentEmail, password: 'Agente-senha-1', full_name: 'Agente' },
    });
    expect(created.status).toBe(201);
    const registeredTokens = registered.body.token;
    expect((await h.app.post('/auth/logout', { token: registeredTokens.access_token, json: { refresh_token: registeredTokens.refresh_token } })).status).toBe(
      200,
    );

    const logged = lines.join('\n');
    expect(logged).toContain('request refused');
    const tokens = [registered.body.token, login.token, refreshed.body].flatMap((pair) => [pair.access_token, pair.refresh_token]);
    for (const secret of [password, 'Errada-senha-99', 'Agente-senha-1', email, agentEmail, ...tokens]) {
      expect(logged, secret).not.toContain(secret);
    }
  }, 60_000);
});
