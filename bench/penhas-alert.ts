/**
 * PenhaS's life-critical path through the local gateway: the panic alert of a
 * woman with 5 accepted guardians, from request to answer (the SMS are queued,
 * not awaited) and until all 5 SMS are in the outbox; login with the password
 * KDF (scrypt); and the DynamoDB operations of the alert and of `GET /me`.
 * The alert allows one press a minute, so each measured alert is a different
 * account's.
 */
import penhas from '../functions/penhas/service.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { freshIp, penhasHarness, type SeededAccount } from '../test/penhas/app-client.ts';
import { seedGuardians } from '../test/penhas/guardians/guardian-fixtures.ts';

const GUARDIANS = 5;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export interface AlertBench {
  alerts: number;
  alertP50Ms: number;
  alertP99Ms: number;
  allSmsP50Ms: number;
  allSmsP99Ms: number;
  logins: number;
  loginP50Ms: number;
  alertOperations: string;
  meOperations: string;
}

export async function benchPenhasAlert(options: { alerts?: number; logins?: number } = {}): Promise<AlertBench> {
  const alerts = options.alerts ?? 50;
  const logins = options.logins ?? 10;
  const runtime = await startRuntime({ services: [penhas], environment: { DB_OP_COUNT_HEADER: 'true' }, log: () => undefined });
  const h = penhasHarness(runtime);
  try {
    const warmups = 3;
    const accounts: { account: SeededAccount; numbers: string[] }[] = [];
    for (let i = 0; i < alerts + warmups; i++) {
      const account = await h.seedAccount({ nome_completo: `Maria Benchmark ${i}` });
      const guardians = await seedGuardians(h.table, account.id, Array(GUARDIANS).fill('accepted'));
      accounts.push({ account, numbers: guardians.map((g) => g.e164) });
    }

    const alertMs: number[] = [];
    const allSmsMs: number[] = [];
    let alertOperations = '';
    for (const [index, { account, numbers }] of accounts.entries()) {
      const started = performance.now();
      const reply = await h.app.post('/me/guardioes/alert', { apiKey: account.session, query: { gps_lat: '-23.5613548', gps_long: '-46.6500004' } });
      const answered = performance.now();
      if (reply.status !== 200 || reply.body.title !== `${GUARDIANS} alertas enviados!`) throw new Error(`alert answered ${reply.status}: ${reply.text}`);
      await Promise.all(numbers.map((to) => runtime.outbox.waitFor({ channel: 'sms', to }, 30_000)));
      const delivered = performance.now();
      if (index < warmups) continue;
      alertMs.push(answered - started);
      allSmsMs.push(delivered - started);
      alertOperations = `${reply.headers['x-db-operations']} (${reply.headers['x-db-operations-by-command']})`;
    }

    const loginMs: number[] = [];
    for (const { account } of accounts.slice(0, logins)) {
      const started = performance.now();
      const reply = await h.app.post('/login', { query: { app_version: 'bench' }, rawBody: `email=${account.email}&senha=${account.password}`, ip: freshIp() });
      if (reply.status !== 200) throw new Error(`login answered ${reply.status}: ${reply.text}`);
      loginMs.push(performance.now() - started);
    }

    const fresh = await h.seedAccount();
    await h.app.get('/me', { apiKey: fresh.session });
    const me = await h.app.get('/me', { apiKey: fresh.session });
    return {
      alerts,
      alertP50Ms: percentile(alertMs, 50),
      alertP99Ms: percentile(alertMs, 99),
      allSmsP50Ms: percentile(allSmsMs, 50),
      allSmsP99Ms: percentile(allSmsMs, 99),
      logins,
      loginP50Ms: percentile(loginMs, 50),
      alertOperations,
      meOperations: `${me.headers['x-db-operations']} (${me.headers['x-db-operations-by-command']})`,
    };
  } finally {
    h.table.close();
    await runtime.stop();
  }
}
