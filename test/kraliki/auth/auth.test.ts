/**
 * /api/auth through the gateway: registration makes an organization and its
 * ADMIN whatever the body claims, login, rotating refresh with replay
 * detection, logout, me, deactivated accounts, brute-force limits, and no
 * answer ever carrying a password hash.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, kralikiHarness, PASSWORD } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

let n = 0;
const newEmail = () => `auth-${Date.now().toString(36)}-${++n}@example.com`;
const registration = (overrides: Record<string, unknown> = {}) => ({
  email: newEmail(),
  password: PASSWORD,
  first_name: 'Ada',
  last_name: 'Lovelace',
  organization_name: 'Analytical Engines',
  ...overrides,
});
const register = (body: unknown) => h.app.post('/api/auth/register', { json: body, ip: freshIp() });
const login = (email: string, password: string) => h.app.post('/api/auth/login', { json: { email, password }, ip: freshIp() });
const refresh = (token: string) => h.app.post('/api/auth/refresh', { json: { refresh_token: token } });
const me = (token: string) => h.app.get('/api/auth/me', { token });

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('POST /api/auth/register', () => {
  it('creates an organization whose registrant is its ADMIN, ignoring any role or organization in the body', async () => {
    const other = await h.registerOrg();
    const reply = await register(registration({ role: 'AGENT', organization_id: other.id }));
    expect(reply.status).toBe(201);
    expect(reply.body.token_type).toBe('bearer');
    expect(reply.body.user).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', first_name: 'Ada', last_name: 'Lovelace' });
    expect(reply.body.user.organization_id).not.toBe(other.id);
    expect((await me(reply.body.access_token)).body).toEqual(reply.body.user);
    expect(await h.table.get(`ORG#${reply.body.user.organization_id}`, 'ORG')).toMatchObject({ name: 'Analytical Engines' });
  });

  it('never answers a password hash, and stores none in the clear', async () => {
    const body = registration();
    const reply = await register(body);
    expect(reply.text).not.toMatch(/password|scrypt/i);
    const stored = await h.table.get(`ORG#${reply.body.user.organization_id}`, `USER#${reply.body.user.id}`);
    expect(String(stored?.password_hash)).toMatch(/^\$scrypt\$/);
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
  });

  it('answers 409 for an e-mail already registered, in any case', async () => {
    const body = registration();
    expect((await register(body)).status).toBe(201);
    const again = await register({ ...body, email: body.email.toUpperCase(), organization_name: 'Another' });
    expect([again.status, again.body.detail]).toEqual([409, 'Email already registered']);
  });

  it('limits registrations from one address to 10 a minute', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    // Fixed windows: 21 attempts pass the limit even if they straddle a window's end.
    for (let i = 0; i < 21 && !statuses.includes(429); i++) {
      statuses.push((await h.app.post('/api/auth/register', { json: registration(), ip })).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('answers 422 in the FastAPI format for a short password, a bad e-mail or a missing field', async () => {
    const reply = await register({ email: 'not-an-email', password: 'short', first_name: 'Ada', last_name: 'L' });
    expect(reply.status).toBe(422);
    const byField = Object.fromEntries(reply.body.detail.map((problem: { loc: string[]; type: string }) => [problem.loc.join('.'), problem.type]));
    expect(byField).toMatchObject({ 'body.email': 'value_error', 'body.password': 'value_error', 'body.organization_name': 'missing' });
  });
});

describe('POST /api/auth/login', () => {
  it('answers the user and a token pair: an HS256 access token for 15 minutes naming the user, organization and role', async () => {
    const org = await h.registerOrg();
    const reply = await login(org.admin.email, PASSWORD);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['access_token', 'refresh_token', 'token_type', 'user']);
    expect(reply.body.user.id).toBe(org.admin.id);
    expect(reply.body.user.last_login_at).toEqual(expect.any(String));
    const [header, payload] = reply.body.access_token.split('.').slice(0, 2).map(decode);
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: org.admin.id, organization_id: org.id, role: 'ADMIN' });
    expect(payload.exp - payload.iat).toBe(15 * 60);
    expect(reply.text).not.toMatch(/password_hash|scrypt/);
  });

  it('answers 401 alike for a wrong password and an unknown e-mail', async () => {
    const org = await h.registerOrg();
    const wrong = await login(org.admin.email, 'not-the-password');
    const unknown = await login(newEmail(), PASSWORD);
    expect([wrong.status, wrong.body.detail]).toEqual([401, 'Invalid email or password']);
    expect([unknown.status, unknown.body.detail]).toEqual([401, 'Invalid email or password']);
  });

  it('refuses an e-mail for the rest of its window after 10 wrong passwords, even with the right one', async () => {
    const org = await h.registerOrg();
    for (let i = 0; i < 10; i++) expect((await login(org.admin.email, `wrong-${i}-password`)).status).toBe(401);
    const locked = await login(org.admin.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not affected.
    const other = await h.registerOrg();
    expect((await login(other.admin.email, PASSWORD)).status).toBe(200);
  });

  it('limits logins from one address far above what a person does', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    // 30 a minute in fixed windows: 61 attempts pass the limit even if they straddle a window's end.
    for (let i = 0; i < 61 && !statuses.includes(429); i++) {
      statuses.push((await h.app.post('/api/auth/login', { json: { email: newEmail(), password: 'whatever-1' }, ip })).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('POST /api/auth/refresh', () => {
  it('rotates: a new pair for the token, which is used up', async () => {
    const org = await h.registerOrg();
    const first = await refresh(org.admin.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.token_type).toBe('bearer');
    expect(first.body.refresh_token).not.toBe(org.admin.refreshToken);
    expect((await me(first.body.access_token)).status).toBe(200);
    expect((await refresh(first.body.refresh_token)).status).toBe(200);
  });

  it('treats a used token as a replay: 401, and the whole session is revoked', async () => {
    const org = await h.registerOrg();
    const rotated = await refresh(org.admin.refreshToken);
    const replay = await refresh(org.admin.refreshToken);
    expect([replay.status, replay.body.code]).toEqual([401, 'invalid_refresh_token']);
    // The legitimate successor dies with the session.
    expect((await refresh(rotated.body.refresh_token)).status).toBe(401);
    // Other sessions of the user live on.
    const other = await h.app.login(org.admin.email, PASSWORD);
    expect((await refresh(other.refresh_token)).status).toBe(200);
  });

  it('answers 401 for a token that was never issued', async () => {
    expect((await refresh('AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB')).status).toBe(401);
    expect((await refresh('garbage')).status).toBe(401);
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session: its refresh token is refused from then on', async () => {
    const org = await h.registerOrg();
    const rotated = await refresh(org.admin.refreshToken);
    const reply = await h.app.post('/api/auth/logout', { json: { refresh_token: rotated.body.refresh_token } });
    expect(reply.body).toEqual({ message: 'Logged out successfully' });
    expect((await refresh(rotated.body.refresh_token)).status).toBe(401);
  });

  it('answers 401 for an unknown token', async () => {
    expect((await h.app.post('/api/auth/logout', { json: { refresh_token: 'nope' } })).status).toBe(401);
  });
});

describe('GET /api/auth/me', () => {
  it('refuses no token, a malformed one, one signed with another key, and one naming another organization', async () => {
    const org = await h.registerOrg();
    const [header, payload] = org.admin.token.split('.');
    const forged = `${header}.${payload}.${createHmac('sha256', 'not-the-key-not-the-key-not-the-key').update(`${header}.${payload}`).digest('base64url')}`;
    const claims = decode(payload);
    const other = await h.registerOrg();
    const swapped = Buffer.from(JSON.stringify({ ...claims, organization_id: other.id })).toString('base64url');
    for (const token of [undefined, 'garbage', forged, `${header}.${swapped}.${org.admin.token.split('.')[2]}`]) {
      const reply = await h.app.get('/api/auth/me', { token });
      expect(reply.status).toBe(401);
      expect(typeof reply.body.detail).toBe('string');
    }
  });
});

describe('a deactivated account', () => {
  it('cannot log in, refresh or use its tokens, even once reactivated', async () => {
    const org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    expect((await h.app.post(`/api/users/${agent.id}/deactivate`, { token: org.admin.token })).status).toBe(200);

    expect((await me(agent.token)).status).toBe(401);
    expect((await refresh(agent.refreshToken)).status).toBe(401);
    const refused = await login(agent.email, PASSWORD);
    expect([refused.status, refused.body.detail]).toEqual([403, 'User account is not active']);

    expect((await h.app.post(`/api/users/${agent.id}/activate`, { token: org.admin.token })).status).toBe(200);
    expect((await me(agent.token)).status).toBe(401);
    const again = await login(agent.email, PASSWORD);
    expect(again.status).toBe(200);
    expect((await me(again.body.access_token)).body.status).toBe('ACTIVE');
  });
});
