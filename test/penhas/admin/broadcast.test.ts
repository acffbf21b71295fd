/**
 * POST /admin/broadcasts: the request only records the broadcast and queues
 * its fan-out; the `broadcast` queue's consumer pages through the accounts of
 * the segment and notifies each through notify(), once, however often a job
 * is delivered. What she gets is her inbox row, and a push to her devices
 * when the broadcast asks for one.
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeAccountIndexKeys, maintenanceKey, userKey } from '../../../functions/penhas/keys.ts';
import penhas from '../../../functions/penhas/service.ts';
import { seedFunctionOf } from '../../../shared/manifest.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';
import { AdminClient } from './admin-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
const admin = new AdminClient(h);
const QUEUE = 'penhas-broadcast';
const FANOUT_MS = 120_000;

let token: string;
beforeAll(async () => {
  token = await admin.token();
});

/** Her inbox rows of one broadcast. */
const inboxOf = async (account: SeededAccount, broadcastId: string) =>
  (await h.table.partition(`USER#${account.id}`)).filter(
    (item) => String(item.sk).startsWith('NOTIFICATION#') && (item.meta as { broadcast_id?: string } | undefined)?.broadcast_id === broadcastId,
  );

const broadcast = async (segment: Record<string, unknown>, title = `Aviso ${Math.random()}`) => {
  const reply = await admin.post('/admin/broadcasts', { token, json: { title, content: 'Nova função no app.', segment } });
  expect(reply.status, reply.text).toBe(202);
  return reply.body as { id: string; delivered: number };
};

const delivered = async (id: string) =>
  ((await admin.get('/admin/broadcasts', { token, query: { rows: 100 } })).body.rows as { id: string; delivered: number }[]).find((row) => row.id === id)
    ?.delivered;

describe('POST /admin/broadcasts', () => {
  it(
    'notifies the active accounts of a city once each, and no one else',
    async () => {
      const cidade = `Cidade ${Math.random().toString(36).slice(2, 8)}`;
      const [ana, bia, elsewhere, leaving] = await Promise.all([
        h.seedAccount({ cep_cidade: cidade, cep_estado: 'PE' }),
        h.seedAccount({ cep_cidade: cidade, cep_estado: 'PE' }),
        h.seedAccount({ cep_cidade: 'São Paulo' }),
        h.seedAccount({ cep_cidade: cidade, cep_estado: 'PE', status: 'deleted_scheduled' }),
      ]);
      const sent = await broadcast({ kind: 'city', cidade, estado: 'PE' }, 'Encontro no sábado');
      expect(sent.delivered).toBe(0);

      for (const account of [ana, bia]) {
        const [row] = await eventually(async () => (await inboxOf(account, sent.id)).length === 1 && inboxOf(account, sent.id), {
          timeoutMs: FANOUT_MS,
          what: `the broadcast in ${account.id}'s inbox`,
        });
        expect(row).toMatchObject({ title: 'Encontro no sábado', content: 'Nova função no app.', type: 'broadcast' });
      }
      await runtime.queues.drained(QUEUE, FANOUT_MS);
      expect(await inboxOf(elsewhere, sent.id)).toEqual([]);
      expect(await inboxOf(leaving, sent.id)).toEqual([]);
      expect(await delivered(sent.id)).toBe(2);

      const [audit] = await admin.auditOf(token, 'broadcast', sent.id);
      expect(audit).toMatchObject({ action: 'broadcast.create', facts: { segment: 'city', push: false } });
    },
    FANOUT_MS * 2,
  );

  it(
    'notifies her once when a job is delivered again',
    async () => {
      const maria = await h.seedAccount();
      const sent = await broadcast({ kind: 'user', cliente_id: maria.id });
      await eventually(async () => (await inboxOf(maria, sent.id)).length === 1, { timeoutMs: FANOUT_MS, what: 'the first delivery' });
      await runtime.queues.drained(QUEUE, FANOUT_MS);
      // SQS delivers at least once: the same job again.
      runtime.queues.send(QUEUE, JSON.stringify({ kind: 'users', broadcastId: sent.id, userIds: [maria.id] }));
      await runtime.queues.drained(QUEUE, FANOUT_MS);
      expect(await inboxOf(maria, sent.id)).toHaveLength(1);
      expect(await delivered(sent.id)).toBe(1);
    },
    FANOUT_MS * 2,
  );

  it(
    'pushes it to her devices when asked',
    async () => {
      const maria = await h.seedAccount();
      const deviceToken = `fcm-${randomUUID()}`;
      expect((await h.app.post('/me/devices', { apiKey: maria.session, query: { token: deviceToken, platform: 'android' } })).status).toBe(200);
      const reply = await admin.post('/admin/broadcasts', {
        token,
        json: { title: 'Atualize o app', content: 'Há uma versão nova.', push: true, segment: { kind: 'user', cliente_id: maria.id } },
      });
      expect(reply.status, reply.text).toBe(202);
      const pushed = await runtime.outbox.waitFor({ channel: 'push', to: deviceToken }, FANOUT_MS);
      expect(JSON.stringify(pushed.payload)).toContain('Atualize o app');
      expect(await inboxOf(maria, reply.body.id)).toHaveLength(1);
    },
    FANOUT_MS * 2,
  );

  it(
    'reaches every active account with the segment all',
    async () => {
      const accounts = await Promise.all([h.seedAccount(), h.seedAccount({ cep_cidade: 'Rio de Janeiro' }), h.seedAccount({ genero: 'Masculino' })]);
      const sent = await broadcast({ kind: 'all' });
      for (const account of accounts) {
        await eventually(async () => (await inboxOf(account, sent.id)).length === 1, { timeoutMs: FANOUT_MS, what: `the broadcast for ${account.id}` });
      }
    },
    FANOUT_MS * 2,
  );

  it('refuses an unknown account, a bad segment and a missing title, recording nothing', async () => {
    const count = async () => (await admin.get('/admin/broadcasts', { token, query: { rows: 100 } })).body.rows.length as number;
    const before = await count();
    expect(
      (await admin.post('/admin/broadcasts', { token, json: { title: 't', content: 'c', segment: { kind: 'user', cliente_id: 987654321 } } })).status,
    ).toBe(404);
    const bad = await admin.post('/admin/broadcasts', { token, json: { title: 't', content: 'c', segment: { kind: 'planet' } } });
    expect([bad.status, bad.body.error]).toEqual([400, 'form_error']);
    const untitled = await admin.post('/admin/broadcasts', { token, json: { content: 'c', segment: { kind: 'all' } } });
    expect(untitled.body).toMatchObject({ error: 'form_error', field: 'title' });
    expect(await count()).toBe(before);
  });

  it(
    'is recorded failed, not left queued, when its fan-out cannot be queued',
    async () => {
      const maria = await h.seedAccount();
      await runtime.queues.drained(QUEUE, FANOUT_MS);
      // SQS fails the job's entry on every attempt the sender makes.
      runtime.queues.injectSendFailures(QUEUE, 3);
      const reply = await admin.post('/admin/broadcasts', {
        token,
        json: { title: 'Aviso', content: 'Texto.', segment: { kind: 'user', cliente_id: maria.id } },
      });
      expect(reply.status, reply.text).toBe(202);
      expect(reply.body).toMatchObject({ status: 'failed', delivered: 0 });
      const listed = (await admin.get('/admin/broadcasts', { token, query: { rows: 100 } })).body.rows as { id: string; status: string }[];
      expect(listed.find((row) => row.id === reply.body.id)?.status).toBe('failed');

      const again = await broadcast({ kind: 'user', cliente_id: maria.id });
      expect(again).toMatchObject({ status: 'queued' });
      await eventually(async () => (await inboxOf(maria, again.id)).length === 1, { timeoutMs: FANOUT_MS, what: 'the broadcast sent again' });
      expect(await inboxOf(maria, reply.body.id)).toEqual([]);
    },
    FANOUT_MS * 2,
  );
});

describe('the active-accounts index', () => {
  it(
    'is given by the seed, once, to active accounts created before it existed, which broadcasts then reach',
    async () => {
      const cidade = `Cidade ${Math.random().toString(36).slice(2, 8)}`;
      const [older, scheduled] = await Promise.all([h.seedAccount({ cep_cidade: cidade }), h.seedAccount({ cep_cidade: cidade })]);
      // As they were before the index: no index keys; one of them scheduled for deletion meanwhile.
      const profileOf = async (id: number) => (await h.table.partition(userKey(id).pk)).find((item) => item.sk === 'PROFILE')!;
      const { gsi1pk: _pk, gsi1sk: _sk, ...unindexed } = await profileOf(older.id);
      await h.table.put(unindexed);
      await h.table.put({
        ...(await profileOf(scheduled.id)),
        status: 'deleted_scheduled',
        gsi1pk: 'DELETION_DUE',
        gsi1sk: `2099-01-01T00:00:00.000Z#${scheduled.id}`,
      });
      await h.table.db.send(new DeleteCommand({ TableName: h.table.name, Key: maintenanceKey('active-accounts-index') }));

      const seed = () => runtime.host.invoke(runtime.functionName('penhas', seedFunctionOf(penhas)!.id), {});
      expect(await seed()).toMatchObject({ activeAccountsIndexed: expect.any(Number) });
      expect(await profileOf(older.id)).toMatchObject(activeAccountIndexKeys(older.id));
      expect(await profileOf(scheduled.id)).toMatchObject({ gsi1pk: 'DELETION_DUE' });
      expect(await seed()).toMatchObject({ activeAccountsIndexed: 'done' });

      const sent = await broadcast({ kind: 'city', cidade });
      await eventually(async () => (await inboxOf(older, sent.id)).length === 1, { timeoutMs: FANOUT_MS, what: 'the broadcast for the older account' });
      await runtime.queues.drained(QUEUE, FANOUT_MS);
      expect(await inboxOf(scheduled, sent.id)).toEqual([]);
    },
    FANOUT_MS * 2,
  );
});
