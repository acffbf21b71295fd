/**
 * An admin frees a recording event whose access is blocked (or already
 * hidden from her), as the original's back office did: the event becomes
 * `free_access_by_admin`, so she may download it again and it shows as
 * granted (`request_granted: 1`); the lifecycle hides it 40 days after it was
 * recorded (audios/lifecycle.ts). An event whose recordings are already
 * deleted (`delete_from_s3`), or that she deleted, cannot be freed. The status
 * change and its audit entry are one transaction; its index keys move with
 * it, so the lifecycle sweep finds it under its new status.
 */
import { AppError } from '#shared/errors';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import type { AudioEventRecord } from '../audios/events.ts';
import { currentStatus } from '../audios/lifecycle.ts';
import { itemNotFound } from '../errors.ts';
import { audioEventKey, audioStatusPartition } from '../keys.ts';
import type { AdminCaller } from './admin-auth.ts';
import { auditEntry, auditPut } from './audit.ts';

const FREED = 'free_access_by_admin';

export async function freeAudioAccess(caller: AdminCaller, userId: number, eventId: string, now = new Date()): Promise<{ ok: 1 }> {
  const key = audioEventKey(userId, eventId);
  const event = await table.get<AudioEventRecord>(key, { consistent: true });
  if (!event || event.deleted_at) throw itemNotFound();
  const from = currentStatus(event.status, event.created_at, now);
  if (from === 'delete_from_s3') throw itemNotFound();
  if (from === FREED) return { ok: 1 };
  try {
    await transact([
      {
        Update: {
          Key: key,
          UpdateExpression: 'SET #status = :freed, gsi1pk = :gsi1pk, updated_at = :now',
          // Not deleted by her, nor moved on by the sweep, since it was read.
          ConditionExpression: '#status = :stored AND attribute_not_exists(deleted_at)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':freed': FREED, ':gsi1pk': audioStatusPartition(FREED), ':now': now.toISOString(), ':stored': event.status },
        },
        conflictCode: 'audio_changed',
      },
      auditPut(auditEntry(caller, 'audio.free_access', { type: 'audio event', id: `${userId}/${eventId}` }, { from }, now)),
    ]);
  } catch (error) {
    // It changed meanwhile (she deleted it, the sweep moved it): read again and decide on what it is now.
    if (error instanceof AppError && error.code === 'audio_changed') return freeAudioAccess(caller, userId, eventId, now);
    throw error;
  }
  return { ok: 1 };
}
