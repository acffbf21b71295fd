/**
 * The minute schedule's work: moves every event whose age passed a threshold
 * to its next status (lifecycle.ts), reading each status's index partition
 * oldest first up to the cutoff, so a run touches only the events due. An
 * event reaching `delete_from_s3` loses its recordings (objects and items)
 * and leaves the index; the bucket's 5-year expiry rule removes any object
 * this missed.
 */
import * as table from '#shared/db/table';
import { deleteObjects } from '#shared/storage/objects';
import { logger } from '#shared/observability/logger';
import { audioEventKey, audioEventRecordingsPrefix, audioStatusPartition, ownerPartition } from '../keys.ts';
import { buckets } from '../resources.ts';
import type { AudioEventRecord } from './events.ts';
import { type AudioStatus, cutoff, MOVES } from './lifecycle.ts';
import { eventObjectPrefix } from './recordings.ts';

/** Events moved per status per run; the next minute's run takes the rest. */
const BATCH = 200;

async function dueEvents(status: AudioStatus, before: string): Promise<AudioEventRecord[]> {
  const page = await table.query<AudioEventRecord>({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
    ExpressionAttributeValues: { ':pk': audioStatusPartition(status), ':before': before },
    Limit: BATCH,
  });
  return page.items;
}

async function deleteRecordings(event: AudioEventRecord): Promise<void> {
  await deleteObjects(buckets.audio, eventObjectPrefix(event.cliente_id, event.event_id));
  const recordings = await table.query<{ pk: string; sk: string }>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': ownerPartition(event.cliente_id), ':prefix': audioEventRecordingsPrefix(event.event_id) },
    ProjectionExpression: 'pk, sk',
  });
  await Promise.all(recordings.items.map((item) => table.delete({ pk: item.pk, sk: item.sk })));
}

async function move(event: AudioEventRecord, from: AudioStatus, to: AudioStatus, now: Date): Promise<boolean> {
  const key = audioEventKey(event.cliente_id, event.event_id);
  const condition = { condition: '#status = :from', names: { '#status': 'status' } };
  if (to === 'delete_from_s3') {
    await deleteRecordings(event);
    return table.update(key, 'SET #status = :to, updated_at = :now REMOVE gsi1pk, gsi1sk', {
      ...condition,
      values: { ':from': from, ':to': to, ':now': now.toISOString() },
    });
  }
  return table.update(key, 'SET #status = :to, gsi1pk = :gsi1pk, updated_at = :now', {
    ...condition,
    values: { ':from': from, ':to': to, ':gsi1pk': audioStatusPartition(to), ':now': now.toISOString() },
  });
}

/** Runs every move once; answers how many events moved. */
export async function sweepAudioStatuses(now = new Date()): Promise<number> {
  let moved = 0;
  for (const { from, to, days } of MOVES) {
    const due = await dueEvents(from, cutoff(days, now));
    const results = await Promise.all(due.map((event) => move(event, from, to, now)));
    const count = results.filter(Boolean).length;
    if (count) logger.info('audio events moved', { from, to, count });
    moved += count;
  }
  return moved;
}
