/**
 * The admin API as a back-office client calls it: JSON bodies and the admin
 * token in `Authorization: Bearer`, through the same gateway and the same
 * documented-responses check as the app's client. The first admin is the one
 * the seed creates from the local settings.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../../shared/auth/scrypt.ts';
import { adminEmailKey, adminKey } from '../../../functions/penhas/keys.ts';
import { freshIp, type PenhasHarness, type Reply } from '../app-client.ts';

export const FIRST_ADMIN = { email: 'admin@penhas.local', senha: 'local-admin-password' };

export interface AdminRequest {
  json?: unknown;
  query?: Record<string, string | number | undefined>;
  /** The admin token; none: no Authorization header. */
  token?: string;
  headers?: Record<string, string>;
}

export class AdminClient {
  constructor(private readonly h: PenhasHarness) {}

  request(method: string, path: string, options: AdminRequest = {}): Promise<Reply> {
    return this.h.app.request(method, path, {
      json: options.json,
      query: options.query,
      ip: freshIp(),
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    });
  }

  get = (path: string, options?: AdminRequest) => this.request('GET', path, options);
  post = (path: string, options?: AdminRequest) => this.request('POST', path, options);
  put = (path: string, options?: AdminRequest) => this.request('PUT', path, options);

  login(email: string, senha: string): Promise<Reply> {
    return this.request('POST', '/admin/login', { json: { email, senha } });
  }

  /** A token of the seeded first admin. */
  async token(credentials = FIRST_ADMIN): Promise<string> {
    const reply = await this.login(credentials.email, credentials.senha);
    if (reply.status !== 200) throw new Error(`POST /admin/login answered ${reply.status}: ${reply.text}`);
    return reply.body.token as string;
  }

  /** Another admin account, written straight into the table (no route creates admins). */
  async seedAdmin(fields: { status?: 'active' | 'inactive' } = {}): Promise<{ id: string; email: string; senha: string }> {
    const id = randomUUID();
    const email = `admin-${id.slice(0, 8)}@penhas.local`;
    const senha = 'Outra-senha-de-admin-1';
    await this.h.table.put({ ...adminEmailKey(email), adminId: id });
    await this.h.table.put({
      ...adminKey(id),
      id,
      email,
      name: 'Outra Admin',
      status: fields.status ?? 'active',
      password_hash: await hashPassword(senha),
      created_at: new Date().toISOString(),
    });
    return { id, email, senha };
  }

  /** The audit rows about one object, newest first. */
  async auditOf(token: string, objectType: string, objectId: string | number): Promise<Record<string, unknown>[]> {
    const reply = await this.get('/admin/audit', { token, query: { rows: 100 } });
    return (reply.body.rows as Record<string, unknown>[]).filter((row) => row.object_type === objectType && row.object_id === String(objectId));
  }
}
