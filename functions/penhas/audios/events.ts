/**
 * Her recording events: each audio she records in one go (`event_id`) is sent
 * in numbered parts (`event_sequence`); the event sums them and carries the
 * access status (lifecycle.ts). All of it lives in her partition, so only her
 * session reaches it and deleting her account deletes it.
 */
import * as table from '#shared/db/table';
import { badRequest } from '../errors.ts';
import { AUDIO_EVENT_PREFIX, audioEventKey, audioEventRecordingsPrefix, ownerPartition } from '../keys.ts';
import { type AudioStatus, currentStatus, isDownloadGranted, isVisible } from './lifecycle.ts';
import { ACCESS_REQUESTED, humanizeBytes, listMessage, localDateTime, minutesAndSeconds, roundedSeconds } from './texts.ts';

export interface AudioEventRecord {
  pk: string;
  sk: string;
  event_id: string;
  cliente_id: number;
  status: AudioStatus;
  created_at: string;
  updated_at: string;
  /** The client's time of the latest recording received (corrected for its clock). */
  last_cliente_created_at: string;
  /** Seconds: the sum of the recordings analysed so far. */
  audio_duration: number;
  total_bytes: number;
  requested_by_user: 0 | 1;
  requested_by_user_at?: string;
  deleted_at?: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

export interface RecordingRecord {
  pk: string;
  sk: string;
  id: string;
  cliente_id: number;
  event_id: string;
  event_sequence: number;
  cliente_created_at: string;
  created_at: string;
  object_key: string;
  container: 'adts' | 'mp4';
  file_size: number;
  file_sha1: string;
  /** Set by the analysis (seconds). */
  audio_duration?: number;
  /** The waveform picture (PNG, base64), set by the analysis. */
  waveform?: string;
  analysis_failed?: 1;
  played_count: number;
}

/** The events listed at most, as the original capped them. */
const LIST_LIMIT = 500;

/** The original's answer for an event id that is not a UUID v4 (`{error:'invalid', message:'event_id'}`). */
export const invalidEventId = () => badRequest('invalid', 'event_id');
/** …and for an event of hers she cannot see (none, another woman's, deleted, hidden). */
export const eventNotFound = () => badRequest('evento não encontrado', 'event_id');

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const isUuidV4 = (value: string): boolean => UUID_V4.test(value);

export interface VisibleEvent {
  event: AudioEventRecord;
  status: AudioStatus;
}

/** Her event as she may see it now; 400 unless the id is valid and the event hers and visible. */
export async function visibleEvent(userId: number, eventId: string, now = new Date()): Promise<VisibleEvent> {
  if (!isUuidV4(eventId)) throw invalidEventId();
  const event = await table.get<AudioEventRecord>(audioEventKey(userId, eventId.toLowerCase()), { consistent: true });
  if (!event || event.deleted_at) throw eventNotFound();
  const status = currentStatus(event.status, event.created_at, now);
  if (!isVisible(status)) throw eventNotFound();
  return { event, status };
}

async function partitionItems<T>(userId: number, beginsWith: string): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<T>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ownerPartition(userId), ':prefix': beginsWith },
      ExclusiveStartKey: startKey,
    });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}

/** GET /me/audios: her visible events, latest recording first, and how many she has kept. */
export async function listEvents(userId: number, now = new Date()) {
  const events = await partitionItems<AudioEventRecord>(userId, AUDIO_EVENT_PREFIX);
  const kept = events.filter((event) => !event.deleted_at);
  const rows = kept
    .map((event) => ({ event, status: currentStatus(event.status, event.created_at, now) }))
    .filter(({ status }) => isVisible(status))
    .sort((a, b) => b.event.last_cliente_created_at.localeCompare(a.event.last_cliente_created_at) || b.event.created_at.localeCompare(a.event.created_at))
    .slice(0, LIST_LIMIT)
    .map(({ event, status }) => ({
      data: {
        event_id: event.event_id,
        audio_duration: minutesAndSeconds(event.audio_duration),
        audio_duration_secs: event.audio_duration,
        last_cliente_created_at: localDateTime(event.last_cliente_created_at),
        total_bytes: humanizeBytes(event.total_bytes),
      },
      meta: {
        requested_by_user: event.requested_by_user ? 1 : 0,
        request_granted: status === 'free_access_by_admin' ? 1 : 0,
        download_granted: isDownloadGranted(status) ? 1 : 0,
      },
    }));
  return { rows, message: listMessage(kept.length) };
}

/** The event's recordings in sequence order. */
export const recordingsOf = (userId: number, eventId: string): Promise<RecordingRecord[]> =>
  partitionItems<RecordingRecord>(userId, audioEventRecordingsPrefix(eventId));

/** GET /me/audios/{event_id}: its recordings, each with its length and waveform once analysed (null until then). */
export async function eventDetail(userId: number, eventId: string, now = new Date()) {
  const { event } = await visibleEvent(userId, eventId, now);
  const recordings = await recordingsOf(userId, event.event_id);
  return {
    event_id: event.event_id,
    audios: recordings.map((recording) => ({
      event_sequence: recording.event_sequence,
      audio_duration: recording.audio_duration === undefined ? null : roundedSeconds(recording.audio_duration),
      cliente_created_at: localDateTime(recording.cliente_created_at),
      bytes: humanizeBytes(recording.file_size),
      waveform: recording.waveform ?? null,
    })),
  };
}

/** DELETE /me/audios/{event_id}: she no longer sees it; it is kept (and deleted with the rest after 5 years), as in the original. */
export async function deleteEvent(userId: number, eventId: string, now = new Date()): Promise<void> {
  const { event } = await visibleEvent(userId, eventId, now);
  await table.update(audioEventKey(userId, event.event_id), 'SET deleted_at = :now, updated_at = :now', {
    condition: 'attribute_exists(pk)',
    values: { ':now': now.toISOString() },
  });
}

/** POST /me/audios/{event_id}/request-access: marks that she asked an admin to free a blocked event. */
export async function requestAccess(userId: number, eventId: string, now = new Date()) {
  const { event } = await visibleEvent(userId, eventId, now);
  await table.update(audioEventKey(userId, event.event_id), 'SET requested_by_user = :one, requested_by_user_at = :now, updated_at = :now', {
    condition: 'attribute_exists(pk)',
    values: { ':one': 1, ':now': now.toISOString() },
  });
  return { message: ACCESS_REQUESTED, success: 1 };
}
