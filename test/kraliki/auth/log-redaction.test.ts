/**
 * What the auth, users and settings functions log never holds a password, an
 * e-mail address, an access or refresh token, or a phone number, for requests
 * that succeed and for those that fail while carrying them.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, kralikiHarness, PASSWORD } from '../app-client.ts';

const lines: string[] = [];
const runtime = sharedRuntime({ services: [kraliki], log: (line) => lines.push(line) });
const h = kralikiHarness(runtime);

describe('kraliki logs', () => {
  it('hold none of the credentials, addresses and numbers the requests carried', async () => {
    const org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    const wrongPassword = 'not-the-password-42';
    expect((await h.app.post('/api/auth/login', { json: { email: agent.email, password: wrongPassword }, ip: freshIp() })).status).toBe(401);
    const rotated = await h.app.post('/api/auth/refresh', { json: { refresh_token: agent.refreshToken } });
    expect((await h.app.post('/api/auth/refresh', { json: { refresh_token: agent.refreshToken } })).status).toBe(401);
    expect((await h.app.post('/api/auth/logout', { json: { refresh_token: org.admin.refreshToken } })).status).toBe(200);
    const number = '+14155552671';
    expect((await h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number], caller_ids: [number] } })).status).toBe(200);
    const other = await h.registerOrg();
    expect((await h.app.put('/api/settings', { token: other.admin.token, json: { phone_numbers: [number] } })).status).toBe(409);

    const logged = lines.join('\n');
    expect(logged).toContain('organization registered');
    expect(logged).toContain('settings updated');
    for (const secret of [
      PASSWORD,
      wrongPassword,
      org.admin.email,
      agent.email,
      org.admin.token,
      agent.token,
      agent.refreshToken,
      rotated.body.refresh_token,
      number,
      '4155552671',
    ]) {
      expect(logged, secret).not.toContain(secret);
    }
  });
});
