/**
 * POST /admin/users/{cliente_id}/audios/{event_id}/free-access: an admin frees
 * a recording event whose access the lifecycle blocked (the original's
 * `free_access_by_admin`): she downloads it again and sees the access granted;
 * the action is audited; the lifecycle hides it 40 days after it was recorded.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';
import { ADTS_3S, ageEvent, newEventId, runLifecycle, storedEvent, uploadPart } from '../audios/audio-fixtures.ts';
import { AdminClient } from './admin-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
const admin = new AdminClient(h);
/** Uploads and lifecycle runs through the local runtime take a while on a busy machine. */
const JOURNEY_MS = 120_000;

const free = async (account: SeededAccount, eventId: string) =>
  admin.post(`/admin/users/${account.id}/audios/${eventId}/free-access`, { token: await admin.token() });
const download = (account: SeededAccount, eventId: string) =>
  h.app.get(`/me/audios/${eventId}/download`, { apiKey: account.session, query: { audio_sequences: 'all' } });
const metaOf = async (account: SeededAccount) => (await h.app.get('/me/audios', { apiKey: account.session })).body.rows[0]?.meta;

async function blockedEvent(account: SeededAccount): Promise<string> {
  const eventId = newEventId();
  expect((await uploadPart(h, account, { eventId })).status).toBe(200);
  await ageEvent(h, account, eventId, 4);
  await runLifecycle(h);
  await eventually(async () => (await storedEvent(h, account, eventId))?.status === 'blocked_access', { what: 'the event blocked' });
  return eventId;
}

describe('an admin frees a blocked recording event', () => {
  it(
    'lets her download it again, shows the access granted, audits it, and hides it after 40 days',
    async () => {
      const maria = await h.seedAccount();
      const eventId = await blockedEvent(maria);
      expect((await download(maria, eventId)).body.error).toBe('audio_blocked_access');
      await h.app.post(`/me/audios/${eventId}/request-access`, { apiKey: maria.session });

      const reply = await free(maria, eventId);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body).toEqual({ ok: 1 });
      expect(await storedEvent(h, maria, eventId)).toMatchObject({ status: 'free_access_by_admin', gsi1pk: 'AUDIO_STATUS#free_access_by_admin' });
      expect(await metaOf(maria)).toEqual({ requested_by_user: 1, request_granted: 1, download_granted: 1 });
      const granted = await download(maria, eventId);
      expect([granted.status, granted.headers['content-type']]).toEqual([200, 'audio/aac']);
      expect(granted.bytes.equals(ADTS_3S)).toBe(true);

      const token = await admin.token();
      const [audit] = await admin.auditOf(token, 'audio event', `${maria.id}/${eventId}`);
      expect(audit).toMatchObject({ action: 'audio.free_access', facts: { from: 'blocked_access' } });
      // Freeing it again changes nothing and is not audited twice.
      expect((await free(maria, eventId)).body).toEqual({ ok: 1 });
      expect(await admin.auditOf(token, 'audio event', `${maria.id}/${eventId}`)).toHaveLength(1);

      // The 30-day hiding of blocked events does not apply to it; 40 days do.
      await ageEvent(h, maria, eventId, 31);
      await runLifecycle(h);
      expect(await metaOf(maria)).toMatchObject({ download_granted: 1 });
      await ageEvent(h, maria, eventId, 41);
      await runLifecycle(h);
      await eventually(async () => (await storedEvent(h, maria, eventId))?.status === 'hidden', { what: 'the freed event hidden after 40 days' });
    },
    JOURNEY_MS,
  );

  it(
    'answers 404 for an event that is not hers, that she deleted, or whose recordings are gone, changing nothing',
    async () => {
      const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const eventId = await blockedEvent(maria);
      const notHers = await free(ana, eventId);
      expect([notHers.status, notHers.body.error]).toEqual([404, 'item_not_found']);
      expect((await free(maria, newEventId())).status).toBe(404);

      expect((await h.app.delete(`/me/audios/${eventId}`, { apiKey: maria.session })).status).toBe(204);
      expect((await free(maria, eventId)).status).toBe(404);
      expect((await storedEvent(h, maria, eventId))!.status).toBe('blocked_access');

      const old = await blockedEvent(ana);
      await ageEvent(h, ana, old, 5 * 365 + 2);
      await runLifecycle(h);
      await eventually(async () => (await storedEvent(h, ana, old))?.status === 'delete_from_s3', { what: 'the old event deleted' });
      expect((await free(ana, old)).status).toBe(404);

      const bad = await admin.post(`/admin/users/abc/audios/${eventId}/free-access`, { token: await admin.token() });
      expect([bad.status, bad.body.error]).toEqual([400, 'form_error']);
    },
    JOURNEY_MS,
  );
});
