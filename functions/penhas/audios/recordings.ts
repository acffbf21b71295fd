/**
 * Receiving a recording: through the app's multipart `POST /me/audios`, or,
 * for a file larger than a Lambda request carries, straight into the bucket
 * at a presigned URL and then `POST /me/audios/uploads/{upload_id}/complete`.
 * Either way the file is kept as recorded in the `audio` bucket, the
 * recording is written with its event in one transaction, and its analysis
 * (duration, waveform) is queued.
 *
 * A sequence of an event is stored once: the app's upload task retries a
 * part it is not sure went through, so a part sent again answers the stored
 * recording's id and writes nothing (the original stored the file again and
 * counted only the latest).
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '#shared/errors';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import { sendJob } from '#shared/queue/send';
import { copyObject, deleteObject, getObjectBytes, presignUpload, putObject } from '#shared/storage/objects';
import type { UserRecord } from '../accounts/users.ts';
import { badRequest, itemNotFound } from '../errors.ts';
import { audioEventKey, audioKey, audioStatusPartition, audioStatusSortKey, audioUploadKey } from '../keys.ts';
import { buckets, queues } from '../resources.ts';
import { type AudioContainer, audioContainer, CONTENT_TYPES, checkAudioExtension, extensionOf, FILE_EXTENSIONS } from './audio-format.ts';
import { invalidEventId, isUuidV4, type RecordingRecord } from './events.ts';
import { RECEIVED } from './texts.ts';

/** The original's ceiling for an audio file. */
export const MAX_AUDIO_BYTES = 35_000_000;
/** Presigned uploads not completed within a day are forgotten (their object expires with the bucket's pending prefix). */
const UPLOAD_TTL_SECONDS = 86_400;
export const UPLOAD_URL_SECONDS = 900;
/** Beyond this much disagreement the client's clock is taken to be wrong, as the original did. */
const CLOCK_TOLERANCE_SECONDS = 10;
/** The bucket's `pendingPrefix` (service.ts): presigned uploads land there and expire unless completed. */
const PENDING_PREFIX = 'pending/';

export interface RecordingFields {
  cliente_created_at: string;
  current_time: string;
  event_id: string;
  event_sequence: string;
}

export interface Upload {
  filename: string;
  content: Buffer;
}

export interface ReceivedAnswer {
  message: string;
  success: 1;
  data: { id: string };
}

export interface AnalysisJob {
  user_id: number;
  event_id: string;
  event_sequence: number;
}

const received = (id: string): ReceivedAnswer => ({ message: RECEIVED, success: 1, data: { id } });

/** The original blocked every audio route for an account whose uploads are blocked. */
export function assertUploadsAllowed(user: UserRecord): void {
  if (user.upload_status === 'blocked_all') throw badRequest('upload_blocked', 'Upload está bloqueado para sua conta');
}

// Dates as the app sends them (`2047-01-01T00:33:54.123Z`); a time without a zone is UTC.
const CLIENT_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A client time as a Date; undefined when it is not one. */
export function parseClientTime(value: string): Date | undefined {
  if (!CLIENT_TIME.test(value)) return undefined;
  const normalized = value.replace(' ', 'T');
  const date = new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(normalized) ? normalized : `${normalized}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * When the phone's clock (its `current_time`) is more than 10 s off the
 * server's, the recording's time is moved by the same amount.
 */
export function correctedClientTime(createdAt: Date, currentTime: Date, now: Date): Date {
  const skew = Math.trunc(now.getTime() / 1000) - Math.trunc(currentTime.getTime() / 1000);
  return Math.abs(skew) > CLOCK_TOLERANCE_SECONDS ? new Date(createdAt.getTime() + skew * 1000) : createdAt;
}

interface CheckedFields {
  eventId: string;
  sequence: number;
  clientCreatedAt: string;
}

function checkFields(fields: RecordingFields, now: Date): CheckedFields {
  if (!isUuidV4(fields.event_id)) throw invalidEventId();
  const sequence = Number(fields.event_sequence);
  if (sequence < 0 || sequence > 1000) throw badRequest('invalid', 'event_sequence');
  // The route's schema has checked both are client times.
  const createdAt = parseClientTime(fields.cliente_created_at)!;
  const currentTime = parseClientTime(fields.current_time)!;
  return { eventId: fields.event_id.toLowerCase(), sequence, clientCreatedAt: correctedClientTime(createdAt, currentTime, now).toISOString() };
}

function checkSize(size: number): void {
  if (size <= 2) throw badRequest('media_invalid_size', 'Upload precisa ter mais do que 2 bytes');
  if (size > MAX_AUDIO_BYTES) throw badRequest('media_too_big', 'Arquivo muito grande, precisa ser menor que 35 Megabytes');
}

const objectKeyOf = (userId: number, eventId: string, sequence: number, id: string, container: AudioContainer) =>
  `audios/${userId}/${eventId}/${sequence}.${id}.${FILE_EXTENSIONS[container]}`;

/** Where every object of one event is kept (its recordings and assembled downloads). */
export const eventObjectPrefix = (userId: number, eventId: string): string => `audios/${userId}/${eventId}/`;

const storedRecording = (userId: number, eventId: string, sequence: number) =>
  table.get<RecordingRecord>(audioKey(userId, eventId, sequence), { consistent: true });

const queueAnalysis = (recording: Pick<RecordingRecord, 'cliente_id' | 'event_id' | 'event_sequence'>) =>
  sendJob(queues.audioAnalysis, {
    user_id: recording.cliente_id,
    event_id: recording.event_id,
    event_sequence: recording.event_sequence,
  } satisfies AnalysisJob);

/** A sequence already stored: its id; its analysis queued again if it never finished (the job is idempotent). */
async function answerStored(recording: RecordingRecord): Promise<ReceivedAnswer> {
  logger.info('audio sequence sent again', { eventId: recording.event_id, sequence: recording.event_sequence });
  if (recording.audio_duration === undefined && !recording.analysis_failed) await queueAnalysis(recording);
  return received(recording.id);
}

const DUPLICATE = 'audio_sequence_exists';

/** A recording whose items could not be written leaves no object behind. */
const removeObjectAndRethrow =
  (objectKey: string) =>
  async (error: unknown): Promise<never> => {
    await deleteObject(buckets.audio, objectKey).catch((cleanup) => logger.warn('audio object left after a failed write', { reason: String(cleanup) }));
    throw error;
  };

/**
 * Writes the recording and adds it to its event (created on its first
 * recording, `free_access`); undefined when the sequence was stored meanwhile.
 */
async function writeRecording(recording: RecordingRecord, extra: Parameters<typeof transact>[0] = []): Promise<boolean> {
  const createdAt = recording.created_at;
  try {
    await transact([
      {
        Put: { Item: recording as unknown as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(pk)' },
        conflictCode: DUPLICATE,
      },
      {
        Update: {
          Key: audioEventKey(recording.cliente_id, recording.event_id),
          UpdateExpression:
            'SET event_id = :event, cliente_id = :user, created_at = if_not_exists(created_at, :now), #status = if_not_exists(#status, :free), ' +
            'gsi1pk = if_not_exists(gsi1pk, :gsi1pk), gsi1sk = if_not_exists(gsi1sk, :gsi1sk), updated_at = :now, ' +
            'last_cliente_created_at = :clientAt, audio_duration = if_not_exists(audio_duration, :zero), ' +
            'requested_by_user = if_not_exists(requested_by_user, :zero) ADD total_bytes :bytes',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':event': recording.event_id,
            ':user': recording.cliente_id,
            ':now': createdAt,
            ':free': 'free_access',
            ':gsi1pk': audioStatusPartition('free_access'),
            ':gsi1sk': audioStatusSortKey(createdAt, recording.cliente_id, recording.event_id),
            ':clientAt': recording.cliente_created_at,
            ':zero': 0,
            ':bytes': recording.file_size,
          },
        },
      },
      ...extra,
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === DUPLICATE) return false;
    throw error;
  }
}

function newRecording(user: UserRecord, fields: CheckedFields, container: AudioContainer, bytes: Uint8Array, now: Date): RecordingRecord {
  const id = randomUUID();
  return {
    ...audioKey(user.id, fields.eventId, fields.sequence),
    id,
    cliente_id: user.id,
    event_id: fields.eventId,
    event_sequence: fields.sequence,
    cliente_created_at: fields.clientCreatedAt,
    created_at: now.toISOString(),
    object_key: objectKeyOf(user.id, fields.eventId, fields.sequence, id, container),
    container,
    file_size: bytes.length,
    file_sha1: createHash('sha1').update(bytes).digest('hex'),
    played_count: 0,
  };
}

/** POST /me/audios: the recording as the app uploads it. */
export async function receiveRecording(user: UserRecord, fields: RecordingFields, upload: Upload | undefined, now = new Date()): Promise<ReceivedAnswer> {
  const checked = checkFields(fields, now);
  if (!upload) throw badRequest('media_missing', 'Upload não foi enviado');
  checkSize(upload.content.length);
  checkAudioExtension(extensionOf(upload.filename));
  const container = audioContainer(upload.content);

  const stored = await storedRecording(user.id, checked.eventId, checked.sequence);
  if (stored) return answerStored(stored);

  const recording = newRecording(user, checked, container, upload.content, now);
  await putObject(buckets.audio, recording.object_key, upload.content, { contentType: CONTENT_TYPES[container] });
  if (!(await writeRecording(recording).catch(removeObjectAndRethrow(recording.object_key)))) {
    // Sent twice at once: the other request stored this sequence first.
    await deleteObject(buckets.audio, recording.object_key);
    return answerStored((await storedRecording(user.id, checked.eventId, checked.sequence))!);
  }
  await queueAnalysis(recording);
  return received(recording.id);
}

interface PendingUpload {
  pk: string;
  sk: string;
  upload_id: string;
  event_id: string;
  event_sequence: number;
  cliente_created_at: string;
  extension: string;
  object_key: string;
  created_at: string;
  expiresAt: number;
  /** Set once completed: the recording it became. */
  audio_id?: string;
}

/** POST /me/audios/upload-url: where to PUT a recording too large for a request, and the upload's id to complete it with. */
export async function createUpload(user: UserRecord, fields: RecordingFields & { filename: string }, now = new Date()) {
  const checked = checkFields(fields, now);
  const extension = extensionOf(fields.filename);
  checkAudioExtension(extension);
  const uploadId = randomUUID();
  const pending: PendingUpload = {
    ...audioUploadKey(user.id, uploadId),
    upload_id: uploadId,
    event_id: checked.eventId,
    event_sequence: checked.sequence,
    cliente_created_at: checked.clientCreatedAt,
    extension,
    object_key: `${PENDING_PREFIX}audios/${user.id}/${uploadId}`,
    created_at: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + UPLOAD_TTL_SECONDS,
  };
  await table.put(pending as unknown as Record<string, unknown>);
  const url = await presignUpload(buckets.audio, pending.object_key, { expiresIn: UPLOAD_URL_SECONDS });
  return { upload_id: uploadId, upload_url: url, method: 'PUT', expires_in: UPLOAD_URL_SECONDS, max_bytes: MAX_AUDIO_BYTES };
}

/** POST /me/audios/uploads/{upload_id}/complete: the uploaded file becomes the recording (once; again answers the same). */
export async function completeUpload(user: UserRecord, uploadId: string, now = new Date()): Promise<ReceivedAnswer> {
  const pending = isUuidV4(uploadId) ? await table.get<PendingUpload>(audioUploadKey(user.id, uploadId), { consistent: true }) : undefined;
  if (!pending || pending.expiresAt * 1000 <= now.getTime()) throw itemNotFound();
  if (pending.audio_id) return received(pending.audio_id);

  const bytes = await getObjectBytes(buckets.audio, pending.object_key);
  if (!bytes) throw badRequest('media_missing', 'Upload não foi enviado');
  checkSize(bytes.length);
  const container = audioContainer(bytes);
  const checked: CheckedFields = { eventId: pending.event_id, sequence: pending.event_sequence, clientCreatedAt: pending.cliente_created_at };
  const markDone = (audioId: string) =>
    table.update(audioUploadKey(user.id, uploadId), 'SET audio_id = :id', { condition: 'attribute_exists(pk)', values: { ':id': audioId } });

  const stored = await storedRecording(user.id, checked.eventId, checked.sequence);
  if (stored) {
    await markDone(stored.id);
    await deleteObject(buckets.audio, pending.object_key);
    return answerStored(stored);
  }
  const recording = newRecording(user, checked, container, bytes, now);
  await copyObject(buckets.audio, pending.object_key, recording.object_key);
  const markUpload = {
    Update: { Key: audioUploadKey(user.id, uploadId), UpdateExpression: 'SET audio_id = :id', ExpressionAttributeValues: { ':id': recording.id } },
  };
  if (!(await writeRecording(recording, [markUpload]).catch(removeObjectAndRethrow(recording.object_key)))) {
    await deleteObject(buckets.audio, recording.object_key);
    const winner = (await storedRecording(user.id, checked.eventId, checked.sequence))!;
    await markDone(winner.id);
    await deleteObject(buckets.audio, pending.object_key);
    return answerStored(winner);
  }
  await deleteObject(buckets.audio, pending.object_key);
  await queueAnalysis(recording);
  return received(recording.id);
}
