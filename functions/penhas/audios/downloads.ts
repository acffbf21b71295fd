/**
 * GET /me/audios/{event_id}/download: the recordings asked for (`all`, or
 * sequences `2,1`), in sequence order, as one AAC file. One recording is
 * served as stored; several are joined as ADTS, which joins by concatenation
 * (each frame carries its own header), MP4 recordings rewrapped first
 * (mp4-to-adts.ts): what the original's `ffmpeg -f concat -acodec copy`
 * produced. A file small enough for a
 * Lambda response is answered inline; a larger one is answered with a
 * redirect to a presigned URL valid five minutes, the joined file kept beside
 * the recordings (deleted with them).
 */
import { createHash } from 'node:crypto';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { getObjectBytes, presignDownload, putObject } from '#shared/storage/objects';
import { badRequest } from '../errors.ts';
import { audioKey } from '../keys.ts';
import { buckets } from '../resources.ts';
import { type RecordingRecord, recordingsOf, visibleEvent } from './events.ts';
import { isDownloadGranted } from './lifecycle.ts';
import { mp4ToAdts, NotAacInMp4 } from './mp4-to-adts.ts';
import { eventObjectPrefix } from './recordings.ts';

/** Inline answers stay well inside Lambda's 6 MB response once base64-encoded. */
export const INLINE_DOWNLOAD_BYTES = 3 * 1024 * 1024;
const URL_SECONDS = 300;
export const DOWNLOAD_CONTENT_TYPE = 'audio/aac';

export type Download = { bytes: Uint8Array } | { url: string };

/** `all` or a comma-separated list of sequence numbers (the original's IntList). */
export function parseSequences(value: string): number[] | 'all' | undefined {
  if (value === 'all') return 'all';
  if (!/^\d+(,\d+)*$/.test(value)) return undefined;
  return value.split(',').map(Number);
}

function selectRecordings(recordings: RecordingRecord[], wanted: number[] | 'all'): RecordingRecord[] {
  if (wanted === 'all') return recordings;
  const bySequence = new Map(recordings.map((recording) => [recording.event_sequence, recording]));
  return [...new Set(wanted)]
    .sort((a, b) => a - b)
    .map((sequence) => {
      const recording = bySequence.get(sequence);
      if (!recording) throw badRequest(`áudio número ${sequence} não foi encontrado`, 'audio_sequences');
      return recording;
    });
}

const countPlays = (recordings: RecordingRecord[]) =>
  Promise.all(
    recordings.map((recording) =>
      table.update(audioKey(recording.cliente_id, recording.event_id, recording.event_sequence), 'ADD played_count :one', {
        condition: 'attribute_exists(pk)',
        values: { ':one': 1 },
      }),
    ),
  );

async function readAll(recordings: RecordingRecord[]): Promise<Uint8Array[]> {
  const parts = await Promise.all(recordings.map((recording) => getObjectBytes(buckets.audio, recording.object_key)));
  if (parts.some((part) => part === undefined)) {
    throw badRequest('download_error', 'Não foi possível baixar todos os arquivos neste momento 😞. Tente novamente mais tarde.');
  }
  return parts as Uint8Array[];
}

function asAdts(recording: RecordingRecord, bytes: Uint8Array): Uint8Array {
  if (recording.container === 'adts') return bytes;
  try {
    return mp4ToAdts(bytes);
  } catch (error) {
    if (!(error instanceof NotAacInMp4)) throw error;
    logger.warn('an MP4 recording could not be rewrapped as ADTS', { eventId: recording.event_id, sequence: recording.event_sequence, reason: error.message });
    throw badRequest('concat_failed', 'Não foi possível juntar os áudios, tente novamente mais tarde, ou baixe cada arquivo separadamente.');
  }
}

const presign = (key: string, eventId: string) =>
  presignDownload(buckets.audio, key, {
    expiresIn: URL_SECONDS,
    contentType: DOWNLOAD_CONTENT_TYPE,
    contentDisposition: `attachment; filename="${eventId}.aac"`,
  });

export async function downloadRecordings(userId: number, eventId: string, sequences: number[] | 'all', now = new Date()): Promise<Download> {
  const { event, status } = await visibleEvent(userId, eventId, now);
  if (!isDownloadGranted(status)) {
    throw badRequest('audio_blocked_access', 'Você não pode fazer o download deste evento. Entre em contato com o administrador.');
  }
  const selected = selectRecordings(await recordingsOf(userId, event.event_id), sequences);
  if (!selected.length) throw badRequest('download_error', 'Não foi possível baixar todos os arquivos neste momento 😞. Tente novamente mais tarde.');
  await countPlays(selected);

  if (selected.length === 1 && selected[0].file_size > INLINE_DOWNLOAD_BYTES) return { url: await presign(selected[0].object_key, event.event_id) };
  const parts = await readAll(selected);
  const joined = selected.length === 1 ? Buffer.from(parts[0]) : Buffer.concat(selected.map((recording, i) => asAdts(recording, parts[i])));
  if (joined.length <= INLINE_DOWNLOAD_BYTES) return { bytes: joined };
  // Named by what it joins, so asking again for the same recordings rewrites the same object.
  const name = createHash('sha1')
    .update(selected.map((recording) => recording.object_key).join('\n'))
    .digest('hex');
  const key = `${eventObjectPrefix(userId, event.event_id)}downloads/${name}.aac`;
  await putObject(buckets.audio, key, joined, { contentType: DOWNLOAD_CONTENT_TYPE });
  return { url: await presign(key, event.event_id) };
}
