/**
 * Audio evidence (the audio part of 025-guardioes.t, and what the app does):
 * parts of a recording uploaded as the app uploads them, the event they make,
 * duration and waveform computed by the `audio-analysis` queue from the
 * stored object, a part sent again stored once, downloads inline and by
 * redirect, the presigned upload for files larger than a request, the access
 * lifecycle moved by its minute schedule, and another woman kept out.
 */
import { describe, expect, it } from 'vitest';
import { analyseAudio } from '../../../functions/penhas/audios/analysis.ts';
import { mp4ToAdts } from '../../../functions/penhas/audios/mp4-to-adts.ts';
import penhas from '../../../functions/penhas/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';
import {
  ADTS_3S,
  ageEvent,
  MP4_2S,
  multipartOf,
  newEventId,
  objectsUnder,
  redeliverAnalysis,
  repeatedAdts,
  runLifecycle,
  storedEvent,
  storedRecordings,
  uploadPart,
} from './audio-fixtures.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const list = (account: SeededAccount) => h.app.get('/me/audios', { apiKey: account.session });
const detail = (account: SeededAccount, eventId: string) => h.app.get(`/me/audios/${eventId}`, { apiKey: account.session });
const download = (account: SeededAccount, eventId: string, sequences = 'all') =>
  h.app.get(`/me/audios/${eventId}/download`, { apiKey: account.session, query: { audio_sequences: sequences } });

/** The event's detail once every recording in it has been analysed. */
const analysed = (account: SeededAccount, eventId: string, count: number) =>
  eventually(
    async () => {
      const reply = await detail(account, eventId);
      return reply.body.audios.length === count && reply.body.audios.every((audio: { waveform: string | null }) => audio.waveform) && reply.body;
    },
    { timeoutMs: 60_000, what: `the analysis of ${count} recording(s)` },
  );

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(base64: string): [number, number] {
  const png = Buffer.from(base64, 'base64');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('POST /me/audios', () => {
  it('stores a part as the app sends it, corrects the phone’s clock, and the queue computes duration and waveform', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    // Her phone thinks it is 2047: the recording's time is moved by the same difference.
    const reply = await uploadPart(h, maria, {
      eventId: eventId.toUpperCase(),
      createdAt: '2047-01-01T00:33:54Z',
      currentTime: '2047-01-01T00:33:56Z',
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ message: 'Áudio recebido com sucesso!', success: 1, data: { id: expect.any(String) } });
    const [recording] = await storedRecordings(h, maria, eventId);
    expect(recording).toMatchObject({ id: reply.body.data.id, event_sequence: 1, container: 'adts', file_size: ADTS_3S.length });
    const corrected = Date.parse(recording.cliente_created_at);
    expect(Math.abs(corrected - (Date.now() - 2000))).toBeLessThan(60_000);

    const body = await analysed(maria, eventId, 1);
    expect(body).toMatchObject({ event_id: eventId, audios: [{ event_sequence: 1, audio_duration: '4s', bytes: '19KiB' }] });
    expect(body.audios[0].cliente_created_at).toBe(new Date(corrected).toISOString().slice(0, 19));
    expect(pngSize(body.audios[0].waveform)).toEqual([420, 80]);
    expect((await storedEvent(h, maria, eventId))!.audio_duration).toBeCloseTo(3.008, 3);

    const listed = await list(maria);
    expect(listed.body.rows).toEqual([
      {
        data: {
          event_id: eventId,
          audio_duration: '0m03s',
          audio_duration_secs: 3.008,
          last_cliente_created_at: new Date(corrected).toISOString().slice(0, 19),
          total_bytes: '19KiB',
        },
        meta: { requested_by_user: 0, request_granted: 0, download_granted: 1 },
      },
    ]);
    expect(listed.body.message).toMatch(/^Você tem 1 áudio gravado\. Gravações com mais de 30 dias/);
  });

  it('takes an MP4 (.m4a) recording, as iOS records it', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    const reply = await uploadPart(h, maria, { eventId, bytes: MP4_2S, filename: 'parte.m4a' });
    expect(reply.status, reply.text).toBe(200);
    const body = await analysed(maria, eventId, 1);
    expect(body.audios[0].audio_duration).toBe('2s');
    const file = await download(maria, eventId);
    expect([file.status, file.headers['content-type']]).toEqual([200, 'audio/aac']);
    expect(file.bytes.equals(MP4_2S)).toBe(true);

    // Joined with an ADTS part, the MP4 part is rewrapped as ADTS: one stream that decodes whole.
    expect((await uploadPart(h, maria, { eventId, sequence: 2 })).status).toBe(200);
    const joined = await download(maria, eventId);
    expect(joined.bytes.equals(Buffer.concat([mp4ToAdts(MP4_2S), ADTS_3S]))).toBe(true);
    expect((await analyseAudio(joined.bytes, 'adts')).durationSeconds).toBeCloseTo(2.016 + 3.04, 2);
  });

  it('stores a sequence sent again only once: the same id, no second object, the sums unchanged', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    const first = await uploadPart(h, maria, { eventId, sequence: 1 });
    const second = await uploadPart(h, maria, { eventId, sequence: 2 });
    const again = await uploadPart(h, maria, { eventId, sequence: 2 });
    expect([first.status, second.status, again.status]).toEqual([200, 200, 200]);
    expect(again.body.data.id).toBe(second.body.data.id);
    expect(first.body.data.id).not.toBe(second.body.data.id);

    const body = await analysed(maria, eventId, 2);
    expect(body.audios.map((audio: { event_sequence: number }) => audio.event_sequence)).toEqual([1, 2]);
    const event = (await storedEvent(h, maria, eventId))!;
    expect(event.total_bytes).toBe(2 * ADTS_3S.length);
    expect(event.audio_duration).toBeCloseTo(6.016, 3);
    const keys = (await storedRecordings(h, maria, eventId)).map((recording) => recording.object_key);
    expect(await objectsUnder(h, `audios/${maria.id}/${eventId}/`)).toEqual(keys.sort());
  });

  it('adds a recording’s duration to its event once, however often its analysis job is delivered', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    await uploadPart(h, maria, { eventId });
    await analysed(maria, eventId, 1);
    const before = { event: await storedEvent(h, maria, eventId), recordings: await storedRecordings(h, maria, eventId) };
    await redeliverAnalysis(h, { user_id: maria.id, event_id: eventId, event_sequence: 1 });
    expect({ event: await storedEvent(h, maria, eventId), recordings: await storedRecordings(h, maria, eventId) }).toEqual(before);
  });

  it('refuses what is not a recording, with the original’s codes, writing nothing', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    const notAudio = await uploadPart(h, maria, { eventId, bytes: Buffer.from('%PDF-1.4 not audio at all'), filename: 'a.aac' });
    expect([notAudio.status, notAudio.body.error]).toEqual([400, 'unsupported_media_type']);
    const wrongType = await uploadPart(h, maria, { eventId, filename: 'a.wav' });
    expect([wrongType.status, wrongType.body.error]).toEqual([400, 'unsupported_media_type']);
    const badEvent = await uploadPart(h, maria, { eventId: 'not-a-uuid' });
    expect([badEvent.status, badEvent.body]).toEqual([400, { error: 'invalid', message: 'event_id' }]);
    const badSequence = await uploadPart(h, maria, { eventId, sequence: 1001 });
    expect([badSequence.status, badSequence.body]).toEqual([400, { error: 'invalid', message: 'event_sequence' }]);
    const badTime = await uploadPart(h, maria, { eventId, createdAt: 'ontem' });
    expect([badTime.status, badTime.body.error, badTime.body.field]).toEqual([400, 'form_error', 'cliente_created_at']);
    const noFile = await h.app.post('/me/audios', {
      apiKey: maria.session,
      ...(await multipartOf({ event_id: eventId, event_sequence: '1', cliente_created_at: '2026-01-01T00:00:00Z', current_time: '2026-01-01T00:00:00Z' })),
    });
    expect([noFile.status, noFile.body.error]).toEqual([400, 'media_missing']);
    expect(await storedEvent(h, maria, eventId)).toBeUndefined();
    expect(await objectsUnder(h, `audios/${maria.id}/`)).toEqual([]);
  });

  it('refuses every audio route to an account whose uploads are blocked', async () => {
    const blocked = await h.seedAccount({ upload_status: 'blocked_all' });
    const reply = await uploadPart(h, blocked);
    expect([reply.status, reply.body.error]).toEqual([400, 'upload_blocked']);
    expect((await list(blocked)).body.error).toBe('upload_blocked');
  });
});

describe('GET /me/audios/{event_id}/download', () => {
  it('joins the sequences asked for in order, counts each play, and names a missing one', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    const short = repeatedAdts(1);
    const longer = repeatedAdts(2);
    await uploadPart(h, maria, { eventId, sequence: 1, bytes: short });
    await uploadPart(h, maria, { eventId, sequence: 2, bytes: longer });

    const all = await download(maria, eventId);
    expect([all.status, all.headers['content-type']]).toEqual([200, 'audio/aac']);
    expect(all.bytes.equals(Buffer.concat([short, longer]))).toBe(true);
    const reversed = await download(maria, eventId, '2,1');
    expect(reversed.bytes.equals(Buffer.concat([short, longer]))).toBe(true);
    expect((await download(maria, eventId, '2')).bytes.equals(longer)).toBe(true);
    expect((await storedRecordings(h, maria, eventId)).map((recording) => recording.played_count)).toEqual([2, 3]);

    const missing = await download(maria, eventId, '3');
    expect([missing.status, missing.body]).toEqual([400, { error: 'áudio número 3 não foi encontrado', message: 'audio_sequences' }]);
    const garbage = await download(maria, eventId, '1;2');
    expect([garbage.status, garbage.body.error, garbage.body.field]).toEqual([400, 'form_error', 'audio_sequences']);
  });

  it('answers a download above 3 MB with a redirect to a presigned URL', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    const half = repeatedAdts(90);
    expect((await uploadPart(h, maria, { eventId, sequence: 1, bytes: half })).status).toBe(200);
    expect((await uploadPart(h, maria, { eventId, sequence: 2, bytes: half })).status).toBe(200);

    const reply = await download(maria, eventId);
    expect(reply.status).toBe(302);
    const location = String(reply.headers.location);
    expect(location).toContain('X-Amz-Expires=300');
    const file = await fetch(location);
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'audio/aac']);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.concat([half, half]))).toBe(true);
  });
});

describe('POST /me/audios/upload-url and POST /me/audios/uploads/{upload_id}/complete', () => {
  it('is needed above what a request carries: a 5 MB multipart upload is refused by the gateway (413), as API Gateway and Lambda refuse it', async () => {
    const maria = await h.seedAccount();
    const now = new Date().toISOString();
    const fields = { event_id: newEventId(), event_sequence: '1', cliente_created_at: now, current_time: now };
    const body = await multipartOf(fields, { bytes: repeatedAdts(250), filename: 'grande.aac' });
    // Straight over the socket: the gateway's 413 is API Gateway's own body, not the service's error format.
    const reply = await fetch(`${runtime.url}/penhas/me/audios`, {
      method: 'POST',
      headers: { ...body.headers, 'x-api-key': maria.session },
      body: new Uint8Array(body.rawBody),
    });
    expect(reply.status).toBe(413);
    expect(await objectsUnder(h, `audios/${maria.id}/`)).toEqual([]);
  });

  it('takes a recording larger than a request through a presigned PUT, once', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    const large = repeatedAdts(250);
    expect(large.length).toBeGreaterThan(4.5 * 1024 * 1024);
    const now = new Date().toISOString();
    const granted = await h.app.post('/me/audios/upload-url', {
      apiKey: maria.session,
      query: { event_id: eventId, event_sequence: 1, cliente_created_at: now, current_time: now, filename: 'gravacao.aac' },
    });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body).toMatchObject({ method: 'PUT', expires_in: 900, max_bytes: 35_000_000 });
    const complete = () => h.app.post(`/me/audios/uploads/${granted.body.upload_id}/complete`, { apiKey: maria.session });

    const early = await complete();
    expect([early.status, early.body.error]).toEqual([400, 'media_missing']);
    const put = await fetch(granted.body.upload_url, { method: 'PUT', body: new Uint8Array(large) });
    expect(put.status).toBe(200);
    const done = await complete();
    expect(done.status, done.text).toBe(200);
    expect((await complete()).body).toEqual(done.body);

    const body = await analysed(maria, eventId, 1);
    // 250 × 95 frames of 1024 samples at 32 kHz, less the one frame the decoder holds back: 759.968 s.
    expect(body.audios[0].audio_duration).toBe('760s');
    expect(await objectsUnder(h, `pending/audios/${maria.id}/`)).toEqual([]);
    const file = await download(maria, eventId);
    expect(file.status).toBe(302);
    const fetched = Buffer.from(await (await fetch(String(file.headers.location))).arrayBuffer());
    expect(fetched.equals(large)).toBe(true);
  });
});

describe('the audio lifecycle (every minute)', () => {
  it('blocks an event after 3 days, lets her ask for access, hides it after 30 and deletes its recordings after 5 years', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    await uploadPart(h, maria, { eventId });
    await analysed(maria, eventId, 1);

    await ageEvent(h, maria, eventId, 4);
    await runLifecycle(h);
    await eventually(async () => (await storedEvent(h, maria, eventId))!.status === 'blocked_access', { what: 'the event blocked' });
    const blocked = await download(maria, eventId);
    expect([blocked.status, blocked.body.error]).toEqual([400, 'audio_blocked_access']);
    const asked = await h.app.post(`/me/audios/${eventId}/request-access`, { apiKey: maria.session });
    expect(asked.body).toEqual({ success: 1, message: expect.stringContaining('48h') });
    expect((await list(maria)).body.rows[0].meta).toEqual({ requested_by_user: 1, request_granted: 0, download_granted: 0 });

    await ageEvent(h, maria, eventId, 31);
    await runLifecycle(h);
    await eventually(async () => (await storedEvent(h, maria, eventId))!.status === 'hidden', { what: 'the event hidden' });
    const hidden = await list(maria);
    expect(hidden.body.rows).toEqual([]);
    expect(hidden.body.message).toMatch(/^Você tem 1 áudio gravado\./);
    expect((await detail(maria, eventId)).body).toEqual({ error: 'evento não encontrado', message: 'event_id' });

    await ageEvent(h, maria, eventId, 5 * 365 + 2);
    await runLifecycle(h);
    await eventually(async () => (await storedEvent(h, maria, eventId))!.status === 'delete_from_s3', { what: 'the event deleted' });
    expect(await storedRecordings(h, maria, eventId)).toEqual([]);
    expect(await objectsUnder(h, `audios/${maria.id}/${eventId}/`)).toEqual([]);
  });

  it('takes an event she deleted out of her list at once', async () => {
    const maria = await h.seedAccount();
    const eventId = newEventId();
    await uploadPart(h, maria, { eventId });
    const removed = await h.app.delete(`/me/audios/${eventId}`, { apiKey: maria.session });
    expect(removed.status).toBe(204);
    expect((await storedEvent(h, maria, eventId))!.deleted_at).toEqual(expect.any(String));
    expect((await list(maria)).body).toEqual({ rows: [], message: 'Você ainda não tem nenhum áudio gravado.' });
  });
});

describe('another woman', () => {
  it('reaches none of her events: each answers as if there were none', async () => {
    const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const eventId = newEventId();
    await uploadPart(h, maria, { eventId });
    const notFound = { error: 'evento não encontrado', message: 'event_id' };
    expect((await detail(mallory, eventId)).body).toEqual(notFound);
    expect((await download(mallory, eventId)).body).toEqual(notFound);
    expect((await h.app.delete(`/me/audios/${eventId}`, { apiKey: mallory.session })).body).toEqual(notFound);
    expect((await list(mallory)).body.rows).toEqual([]);
    expect((await storedEvent(h, maria, eventId))!.deleted_at).toBeUndefined();
  });
});
