/**
 * Audio evidence: the recordings the app uploads while she records
 * (`POST /me/audios`, multipart, one part of an event per request), her list
 * of events, an event's recordings, deleting an event, asking for access to a
 * blocked one, and downloading it as AAC. Every route reads only her own
 * partition: an event id of another woman's is answered as not found.
 *
 * An addition to the original: a recording too large for one request (API
 * Gateway hands Lambda at most 6 MB, a multipart file travels base64-encoded
 * inside that, so about 4 MB) is PUT straight into the bucket at a presigned
 * URL (`POST /me/audios/upload-url`) and then completed
 * (`POST /me/audios/uploads/{upload_id}/complete`).
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import { activeAccountFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { text } from '../params.ts';
import { buckets, queues } from '../resources.ts';
import { DOWNLOAD_CONTENT_TYPE } from './downloads.ts';
import { MAX_AUDIO_BYTES, parseClientTime } from './recordings.ts';

const invalidUnless = (test: (value: string) => boolean) => z.refine<string>(test, { params: { reason: 'invalid' } });
const clientTime = () => text({ max: 100 }).check(invalidUnless((value) => parseClientTime(value) !== undefined));
const recordingFields = {
  cliente_created_at: clientTime(),
  current_time: clientTime(),
  event_id: text({ max: 36 }),
  event_sequence: text({ max: 6 }).check(invalidUnless((value) => /^[-+]?\d+$/.test(value))),
};
const eventIdParam = z.object({ event_id: z.string() });
const eventId = [{ object: 'audio event', from: 'path' as const, field: 'event_id', owner: 'caller' as const }];
const received = z.object({ message: z.string(), success: z.literal(1), data: z.object({ id: z.string() }) });
const eventFailures =
  '{error: "invalid", message: "event_id"} for an id that is not a UUID v4; {error: "evento não encontrado", message: "event_id"} for none of hers';

export const uploadAudioRoute = penhasRoute({
  method: 'POST',
  path: '/me/audios',
  auth: 'api-key',
  handler: 'functions/penhas/audios/upload-audio.ts',
  access: { buckets: { [buckets.audio]: 'readwrite' }, sendsTo: [queues.audioAnalysis] },
  memoryMb: 512,
  timeoutSeconds: 20,
  summary:
    'Receives one part of a recording as the app uploads it: `media` (AAC in ADTS `.aac`, or in MP4 `.m4a`/`.mp4`, up to what one request carries: about 4 MB; larger files through `/me/audios/upload-url`), `event_id` (UUID v4), `event_sequence` (0–1000), `cliente_created_at` and `current_time` (the phone’s clock: more than 10 s off the server’s and the recording’s time is corrected by the difference). A sequence sent again answers the stored recording’s id and stores nothing. Duration and waveform are computed afterwards.',
  request: {
    body: z.object({ ...recordingFields, media: z.optional(z.object({ filename: z.string(), mimetype: z.string(), content: z.instanceof(Buffer) })) }),
    encodings: ['multipart'],
    mergeQuery: true,
  },
  responses: {
    200: ok('Received (or already received): the recording’s id', received),
    ...activeAccountFailures,
    400: failure(
      'form_error; invalid (message event_id or event_sequence); media_missing, media_invalid_size, media_too_big, unsupported_media_type, upload_blocked; or expired_jwt',
    ),
    413: failure('The request is larger than a Lambda request carries: use /me/audios/upload-url'),
  },
});

export const createAudioUploadRoute = penhasRoute({
  method: 'POST',
  path: '/me/audios/upload-url',
  auth: 'api-key',
  handler: 'functions/penhas/audios/create-upload.ts',
  access: { buckets: { [buckets.audio]: 'write' } },
  summary: `An addition to the original, for a recording larger than a request carries (up to ${MAX_AUDIO_BYTES} bytes): the same fields as \`POST /me/audios\` without \`media\`, plus \`filename\` (\`.aac\`, \`.m4a\` or \`.mp4\`). Answers a presigned \`upload_url\` to PUT the file to (valid 15 minutes) and the \`upload_id\` to complete it with at \`POST /me/audios/uploads/{upload_id}/complete\`, which answers as \`POST /me/audios\` does.`,
  request: {
    body: z.object({ ...recordingFields, filename: text({ max: 200 }) }),
    encodings: ['urlencoded', 'multipart'],
    mergeQuery: true,
  },
  responses: {
    200: ok(
      'Where to PUT the file',
      z.object({ upload_id: z.string(), upload_url: z.string(), method: z.literal('PUT'), expires_in: z.number(), max_bytes: z.number() }),
    ),
    ...activeAccountFailures,
    400: failure('form_error; invalid (message event_id or event_sequence); unsupported_media_type; upload_blocked; or expired_jwt'),
  },
});

export const completeAudioUploadRoute = penhasRoute({
  method: 'POST',
  path: '/me/audios/uploads/{upload_id}/complete',
  auth: 'api-key',
  handler: 'functions/penhas/audios/complete-upload.ts',
  access: { buckets: { [buckets.audio]: 'readwrite' }, sendsTo: [queues.audioAnalysis] },
  memoryMb: 1024,
  timeoutSeconds: 30,
  summary:
    'Completes a presigned upload: the file PUT at its `upload_url` becomes the recording (checked as `POST /me/audios` checks its `media`). Completing again answers the same id.',
  request: { params: z.object({ upload_id: z.string() }) },
  responses: {
    200: ok('Received (or already received): the recording’s id', received),
    ...activeAccountFailures,
    400: failure('media_missing (nothing was PUT), media_invalid_size, media_too_big, unsupported_media_type, upload_blocked; or expired_jwt'),
    404: failure('No such upload of hers, or it expired (item_not_found); or the account is not active'),
  },
  objectIds: [{ object: 'audio upload', from: 'path', field: 'upload_id', owner: 'caller' }],
});

export const listAudiosRoute = penhasRoute({
  method: 'GET',
  path: '/me/audios',
  auth: 'api-key',
  handler: 'functions/penhas/audios/list-audios.ts',
  request: {},
  summary:
    'Her recording events she may still see (free for 3 days, then blocked; hidden after 30), latest first, with their total length and size and whether she may download them or asked for access',
  responses: {
    200: ok(
      'Her events and a message counting every event she has kept',
      z.object({
        rows: z.array(
          z.object({
            data: z.object({
              event_id: z.string(),
              audio_duration: z.string(),
              audio_duration_secs: z.number(),
              last_cliente_created_at: z.string(),
              total_bytes: z.string(),
            }),
            meta: z.object({ requested_by_user: z.number(), request_granted: z.number(), download_granted: z.number() }),
          }),
        ),
        message: z.string(),
      }),
    ),
    ...activeAccountFailures,
    400: failure('upload_blocked; or expired_jwt'),
  },
});

export const getAudioEventRoute = penhasRoute({
  method: 'GET',
  path: '/me/audios/{event_id}',
  auth: 'api-key',
  handler: 'functions/penhas/audios/get-audio-event.ts',
  summary: 'One of her events: its recordings in sequence order, each with its length and waveform (a 420×80 PNG, base64), null until analysed',
  request: { params: eventIdParam },
  responses: {
    200: ok(
      'The event’s recordings',
      z.object({
        event_id: z.string(),
        audios: z.array(
          z.object({
            event_sequence: z.number(),
            audio_duration: z.nullable(z.string()),
            cliente_created_at: z.string(),
            bytes: z.string(),
            waveform: z.nullable(z.string()),
          }),
        ),
      }),
    ),
    ...activeAccountFailures,
    400: failure(`${eventFailures}; upload_blocked; or expired_jwt`),
  },
  objectIds: eventId,
});

export const deleteAudioEventRoute = penhasRoute({
  method: 'DELETE',
  path: '/me/audios/{event_id}',
  auth: 'api-key',
  handler: 'functions/penhas/audios/delete-audio-event.ts',
  summary: 'Removes one of her events from her list (kept in storage until its 5 years end, as the original did)',
  request: { params: eventIdParam },
  responses: {
    204: noContent('Removed from her list'),
    ...activeAccountFailures,
    400: failure(`${eventFailures}; upload_blocked; or expired_jwt`),
  },
  objectIds: eventId,
});

export const requestAudioAccessRoute = penhasRoute({
  method: 'POST',
  path: '/me/audios/{event_id}/request-access',
  auth: 'api-key',
  handler: 'functions/penhas/audios/request-access.ts',
  summary: 'Asks the administration to free a blocked event for download (`requested_by_user`)',
  request: { params: eventIdParam },
  responses: {
    200: ok('Asked', z.object({ message: z.string(), success: z.literal(1) })),
    ...activeAccountFailures,
    400: failure(`${eventFailures}; upload_blocked; or expired_jwt`),
  },
  objectIds: eventId,
});

export const downloadAudioRoute = penhasRoute({
  method: 'GET',
  path: '/me/audios/{event_id}/download',
  auth: 'api-key',
  handler: 'functions/penhas/audios/download-audio.ts',
  access: { buckets: { [buckets.audio]: 'readwrite' } },
  memoryMb: 1024,
  timeoutSeconds: 30,
  summary:
    'Her event’s recordings (`audio_sequences`: `all` or `1,2`) as one AAC file (one recording as stored; several joined as ADTS), while she may download it. Up to 3 MB it is the answer; larger, a redirect to a presigned URL valid 5 minutes.',
  request: { params: eventIdParam, query: z.object({ audio_sequences: text({ max: 5000 }) }) },
  responses: {
    200: { description: 'The recordings, joined in sequence order', mediaType: DOWNLOAD_CONTENT_TYPE, schema: z.string() },
    302: noContent('To the recordings (Location, valid 5 minutes)'),
    ...activeAccountFailures,
    400: failure(
      `${eventFailures}; audio_blocked_access; "áudio número N não foi encontrado" (message audio_sequences); concat_failed (an MP4 recording whose AAC cannot be rewrapped); form_error; upload_blocked; or expired_jwt`,
    ),
  },
  objectIds: eventId,
});

export const audioRoutes = [
  uploadAudioRoute,
  createAudioUploadRoute,
  completeAudioUploadRoute,
  listAudiosRoute,
  getAudioEventRoute,
  deleteAudioEventRoute,
  requestAudioAccessRoute,
  downloadAudioRoute,
];
