/**
 * Pacing of an organization's outbound dials: at most `calls_per_second`
 * (settings, Twilio's 1 call/s per account by default), every campaign of the
 * organization together. The bucket is one item holding the next free slot
 * (`next_slot_at`, epoch ms), moved with an optimistic conditional update, so
 * concurrent consumers each reserve a distinct slot, `1000 / rate` ms after the
 * previous one. A dial whose slot is in the future goes back to the queue with
 * an SQS delay (never a sleep) and keeps its slot (dialer.ts).
 */
import * as table from '#shared/db/table';
import { dialerPaceKey } from '../keys.ts';

/** When a reservation asked for at `now` may dial, and where the bucket moves on to. */
export function nextSlot(previous: number | undefined, now: number, callsPerSecond: number): { at: number; next: number } {
  const at = Math.max(now, previous ?? now);
  return { at, next: at + 1000 / callsPerSecond };
}

const ATTEMPTS = 20;

/** Reserves the organization's next dial slot; answers when (epoch ms) the dial may go. */
export async function reserveDialSlot(orgId: string, callsPerSecond: number): Promise<number> {
  const key = dialerPaceKey(orgId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const item = await table.get<{ next_slot_at?: number }>(key, { consistent: true });
    const slot = nextSlot(item?.next_slot_at, Date.now(), callsPerSecond);
    // An idle bucket disappears an hour after its last slot.
    const written = await table.update(key, 'SET next_slot_at = :next, expiresAt = :expires', {
      condition: item?.next_slot_at === undefined ? 'attribute_not_exists(next_slot_at)' : 'next_slot_at = :previous',
      values: {
        ':next': slot.next,
        ':expires': Math.ceil(slot.next / 1000) + 3600,
        ...(item?.next_slot_at === undefined ? {} : { ':previous': item.next_slot_at }),
      },
    });
    if (written) return slot.at;
  }
  throw new Error('the dialer pacing bucket stayed contended');
}

/** How far ahead (ms) the organization's dials are already booked: sweeps claim only what fits in the next minute. */
export async function pacingBacklogMs(orgId: string): Promise<number> {
  const item = await table.get<{ next_slot_at?: number }>(dialerPaceKey(orgId), { consistent: true });
  return Math.max(0, (item?.next_slot_at ?? 0) - Date.now());
}
