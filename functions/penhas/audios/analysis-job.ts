/**
 * One `audio-analysis` job: reads the stored recording, decodes it, and
 * writes its duration and waveform, adding the duration to its event. The
 * recording is looked up in the partition of the user the job names (the
 * request that queued it was hers), and written only if not analysed yet, in
 * the same transaction as the event's sum: a retried or repeated job changes
 * nothing.
 */
import { AppError } from '#shared/errors';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import { getObjectBytes } from '#shared/storage/objects';
import { audioEventKey, audioKey } from '../keys.ts';
import { buckets } from '../resources.ts';
import { analyseAudio, UnreadableAudio } from './analysis.ts';
import type { RecordingRecord } from './events.ts';
import type { AnalysisJob } from './recordings.ts';

const ALREADY_ANALYSED = 'audio_already_analysed';

export async function analyseRecording(job: AnalysisJob): Promise<void> {
  const key = audioKey(job.user_id, job.event_id, job.event_sequence);
  const recording = await table.get<RecordingRecord>(key, { consistent: true });
  if (!recording || recording.audio_duration !== undefined || recording.analysis_failed) return;
  const bytes = await getObjectBytes(buckets.audio, recording.object_key);
  // Deleted after five years while the job waited: nothing left to analyse.
  if (!bytes) return;

  let analysis: Awaited<ReturnType<typeof analyseAudio>>;
  try {
    analysis = await analyseAudio(bytes, recording.container);
  } catch (error) {
    if (!(error instanceof UnreadableAudio)) throw error;
    // The same bytes would fail every time: record it instead of walking the job to the DLQ.
    logger.warn('audio recording could not be decoded', { eventId: recording.event_id, sequence: recording.event_sequence, reason: error.message });
    await table.update(key, 'SET analysis_failed = :one', { condition: 'attribute_exists(pk)', values: { ':one': 1 } });
    return;
  }
  try {
    await transact([
      {
        Update: {
          Key: key,
          UpdateExpression: 'SET audio_duration = :duration, waveform = :waveform',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(audio_duration)',
          ExpressionAttributeValues: { ':duration': analysis.durationSeconds, ':waveform': analysis.waveform },
        },
        conflictCode: ALREADY_ANALYSED,
      },
      {
        Update: {
          Key: audioEventKey(job.user_id, job.event_id),
          UpdateExpression: 'ADD audio_duration :duration',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':duration': analysis.durationSeconds },
        },
      },
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === ALREADY_ANALYSED) return;
    throw error;
  }
  logger.info('audio recording analysed', { eventId: recording.event_id, sequence: recording.event_sequence, seconds: analysis.durationSeconds });
}
