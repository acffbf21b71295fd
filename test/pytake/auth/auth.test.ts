/** Registration, login, refresh rotation, logout and /auth/me through the gateway. */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, pytakeHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

const decodeClaims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const email = () => `someone-${crypto.randomUUID().slice(0, 8)}@Example.com`;

describe('POST /auth/register', () => {
  it('creates the organization and its org_admin, and answers tokens with the original claims', async () => {
    const input = { email: email(), password: 'Segura-123', full_name: 'Ana Lima', organization_name: 'ACME Corp' };
    const reply = await h.app.post('/auth/register', { json: input, ip: freshIp() });
    expect(reply.status).toBe(201);
    const { user, token } = reply.body;
    expect(user).toMatchObject({ email: input.email.toLowerCase(), role: 'org_admin', full_name: 'Ana Lima', is_active: true });
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    const claims = decodeClaims(token.access_token);
    expect(claims).toMatchObject({ sub: user.id, organization_id: user.organization_id, role: 'org_admin', type: 'access', sid: expect.any(String) });
    expect(claims.exp - claims.iat).toBe(900);
    expect(reply.text).not.toContain('password');
    const org = await h.app.get('/organizations/me', { token: token.access_token });
    expect(org.body).toMatchObject({ id: user.organization_id, name: 'ACME Corp', slug: 'acme-corp', plan_type: 'free' });
  });

  it('refuses an e-mail already registered (in any case) with 409, creating nothing', async () => {
    const first = await h.registerOrg();
    const reply = await h.app.post('/auth/register', {
      json: { email: first.email.toUpperCase(), password: 'Segura-123', full_name: 'Outra', organization_name: 'Outra Org' },
      ip: freshIp(),
    });
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toBe('Email already registered');
  });

  it('of concurrent registrations with one e-mail, exactly one succeeds', async () => {
    const shared = email();
    const replies = await Promise.all(
      [1, 2, 3].map((i) =>
        h.app.post('/auth/register', { json: { email: shared, password: 'Segura-123', full_name: 'Ana', organization_name: `Org ${i}` }, ip: freshIp() }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it.each([
    ['short', 'Ab1', 'String should have at least 8 characters'],
    ['no uppercase', 'segura-123', 'Value error, Password must contain at least one uppercase letter'],
    ['no lowercase', 'SEGURA-123', 'Value error, Password must contain at least one lowercase letter'],
    ['no digit', 'Segura-abc', 'Value error, Password must contain at least one digit'],
  ])('refuses a password with %s with 422 in FastAPI form', async (_, password, msg) => {
    const reply = await h.app.post('/auth/register', { json: { email: email(), password, full_name: 'Ana', organization_name: 'Org' }, ip: freshIp() });
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toContainEqual(expect.objectContaining({ loc: ['body', 'password'], msg }));
  });

  it('reports every missing field as FastAPI does', async () => {
    const reply = await h.app.post('/auth/register', { json: {}, ip: freshIp() });
    expect(reply.status).toBe(422);
    const missing = reply.body.detail.filter((d: { type: string }) => d.type === 'missing').map((d: { loc: string[] }) => d.loc.join('.'));
    expect(missing.sort()).toEqual(['body.email', 'body.full_name', 'body.organization_name', 'body.password']);
  });

  it('refuses a login without a password, or with a short one, with 422', async () => {
    const missing = await h.app.post('/auth/login', { json: { email: email() }, ip: freshIp() });
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toEqual([expect.objectContaining({ loc: ['body', 'password'], type: 'missing' })]);
    expect((await h.app.post('/auth/login', { json: { email: email(), password: 'x' }, ip: freshIp() })).status).toBe(422);
  });

  it('refuses malformed JSON and a bad e-mail with 422', async () => {
    expect((await h.app.post('/auth/register', { rawBody: '{"email":', ip: freshIp() })).status).toBe(422);
    const reply = await h.app.post('/auth/register', {
      json: { email: 'not-an-email', password: 'Segura-123', full_name: 'Ana', organization_name: 'Org' },
      ip: freshIp(),
    });
    expect(reply.status).toBe(422);
    expect(reply.body.detail[0].loc).toEqual(['body', 'email']);
  });
});

describe('POST /auth/login', () => {
  it('answers the user and a new session', async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.post('/auth/login', { json: { email: admin.email, password: admin.password }, ip: freshIp() });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ id: admin.id, organization_id: admin.orgId, role: 'org_admin' });
    expect(reply.body.user.last_login_at).toEqual(expect.any(String));
    expect(reply.body.token).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    expect(reply.text).not.toMatch(/password|scrypt/);
  });

  it('refuses a wrong password and an unknown e-mail alike with 401', async () => {
    const admin = await h.registerOrg();
    const wrong = await h.app.post('/auth/login', { json: { email: admin.email, password: 'Errada-123' }, ip: freshIp() });
    const unknown = await h.app.post('/auth/login', { json: { email: email(), password: 'Errada-123' }, ip: freshIp() });
    expect([wrong.status, wrong.body.detail]).toEqual([401, 'Incorrect email or password']);
    expect([unknown.status, unknown.body.detail]).toEqual([401, 'Incorrect email or password']);
  });

  it('has no built-in test account', async () => {
    const reply = await h.app.post('/auth/login', { json: { email: 'test@example.com', password: 'password' }, ip: freshIp() });
    expect(reply.status).toBe(401);
  });

  it('refuses a deactivated user with 403', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent', { is_active: false });
    const reply = await h.app.post('/auth/login', { json: { email: agent.email, password: agent.password }, ip: freshIp() });
    expect([reply.status, reply.body.detail]).toEqual([403, 'Account is not active']);
    expect((await h.app.get('/auth/me', { token: agent.token })).status).toBe(401);
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: agent.refreshToken } })).status).toBe(401);
  });
});

describe('brute-force limits', () => {
  it('locks an account after 10 wrong passwords in the window: the right one is refused too, with Retry-After', async () => {
    const admin = await h.registerOrg();
    for (let i = 0; i < 10; i++) {
      const reply = await h.app.post('/auth/login', { json: { email: admin.email, password: `Errada-${i}00` }, ip: freshIp() });
      expect(reply.status).toBe(401);
    }
    const locked = await h.app.post('/auth/login', { json: { email: admin.email, password: admin.password }, ip: freshIp() });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Tokens already issued keep working: the lock only stops logins.
    expect((await h.app.get('/auth/me', { token: admin.token })).status).toBe(200);
  });

  it('allows 30 login attempts a minute from one address, then answers 429', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await h.app.post('/auth/login', { json: { email: email(), password: 'Errada-123' }, ip })).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    // A window may turn over mid-loop; then the limit is met one window later, never earlier.
    expect([429, 401]).toContain(statuses[30]);
    if (statuses[30] === 401) return;
    const other = await h.app.post('/auth/login', { json: { email: email(), password: 'Errada-123' }, ip: freshIp() });
    expect(other.status).toBe(401);
  });

  it('allows 10 registrations an hour from one address, then answers 429', async () => {
    const ip = freshIp();
    const register = () => h.app.post('/auth/register', { json: { email: email(), password: 'Segura-123', full_name: 'Ana', organization_name: 'Org' }, ip });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await register()).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    // The hour may turn over mid-loop; then the limit is met one window later, never earlier.
    expect([429, 201]).toContain(statuses[10]);
  }, 60_000);

  it('does not bother a normal client: a few logins in a row succeed', async () => {
    const admin = await h.registerOrg();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await h.app.post('/auth/login', { json: { email: admin.email, password: admin.password }, ip })).status).toBe(200);
  });
});

describe('POST /auth/refresh', () => {
  it('rotates: the new pair works, the old refresh token is refused', async () => {
    const admin = await h.registerOrg();
    const first = await h.app.post('/auth/refresh', { json: { refresh_token: admin.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    expect(Object.keys(first.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(first.body.refresh_token).not.toBe(admin.refreshToken);
    expect((await h.app.get('/auth/me', { token: first.body.access_token })).status).toBe(200);
    const replay = await h.app.post('/auth/refresh', { json: { refresh_token: admin.refreshToken } });
    expect(replay.status).toBe(401);
  });

  it('of concurrent refreshes with one token, exactly one succeeds', async () => {
    const admin = await h.registerOrg();
    const replies = await Promise.all([1, 2, 3].map(() => h.app.post('/auth/refresh', { json: { refresh_token: admin.refreshToken } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('ends the session when a used token is replayed: its successor is refused too', async () => {
    const admin = await h.registerOrg();
    const next = await h.app.post('/auth/refresh', { json: { refresh_token: admin.refreshToken } });
    await h.app.post('/auth/refresh', { json: { refresh_token: admin.refreshToken } });
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: next.body.refresh_token } })).status).toBe(401);
    expect((await h.app.get('/auth/me', { token: next.body.access_token })).status).toBe(401);
  });

  it('refuses an access token given as a refresh token, and garbage', async () => {
    const admin = await h.registerOrg();
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: admin.token } })).status).toBe(401);
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: 'nope' } })).status).toBe(401);
    expect((await h.app.post('/auth/refresh', { json: {} })).status).toBe(422);
  });
});

describe('POST /auth/logout', () => {
  it('revokes the session: its refresh token no longer refreshes', async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.post('/auth/logout', { token: admin.token, json: { refresh_token: admin.refreshToken } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ success: true, message: 'Logout successful' });
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: admin.refreshToken } })).status).toBe(401);
    // The session's access token stops at once too; another session of the user goes on.
    expect((await h.app.get('/auth/me', { token: admin.token })).status).toBe(401);
    const other = await h.app.login(admin.email, admin.password);
    expect((await h.app.get('/auth/me', { token: other.token.access_token })).status).toBe(200);
  });

  it("does not revoke another user's session", async () => {
    const [alice, mallory] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const reply = await h.app.post('/auth/logout', { token: mallory.token, json: { refresh_token: alice.refreshToken } });
    expect(reply.status).toBe(401);
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: alice.refreshToken } })).status).toBe(200);
  });

  it('needs an access token', async () => {
    const admin = await h.registerOrg();
    expect((await h.app.post('/auth/logout', { json: { refresh_token: admin.refreshToken } })).status).toBe(401);
  });
});

describe('GET /auth/me', () => {
  it("answers the caller's profile without the password hash", async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.get('/auth/me', { token: admin.token });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: admin.id, email: admin.email, organization_id: admin.orgId, role: 'org_admin' });
    expect(reply.text).not.toMatch(/password|scrypt/);
  });

  it('refuses a refresh token, a forged token and no token with 401', async () => {
    const admin = await h.registerOrg();
    expect((await h.app.get('/auth/me', { token: admin.refreshToken })).status).toBe(401);
    const [header, payload] = admin.token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeClaims(admin.token), role: 'super_admin' })).toString('base64url')}.${admin.token.split('.')[2]}`;
    expect((await h.app.get('/auth/me', { token: forged })).status).toBe(401);
    expect(payload).toBeTruthy();
    const none = await h.app.get('/auth/me');
    expect([none.status, none.body.detail]).toEqual([401, 'Not authenticated']);
  });

  it('GET /auth/verify-token names the caller', async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.get('/auth/verify-token', { token: admin.token });
    expect(reply.body).toEqual({ valid: true, user_id: admin.id, organization_id: admin.orgId, role: 'org_admin' });
  });
});
