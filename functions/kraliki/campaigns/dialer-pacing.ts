/**
 * Pacing of outbound dials. Every organization places its calls through the
 * one Twilio account, and Twilio limits calls per second per account (1 unless
 * raised), so the account's bucket paces all dials of all organizations; each
 * organization's own `calls_per_second` (settings) is a further cap on its
 * dials, every campaign of it together. A bucket is one item holding its next
 * free slot (`next_slot_at`, epoch ms). A dial takes the first slot free in
 * both buckets and moves both in one transaction conditioned on what it read,
 * so concurrent consumers (of any organization) each get a distinct slot, no
 * closer than `1000 / rate` ms to the previous one of either bucket. A dial
 * whose slot is in the future goes back to the queue with an SQS delay (never
 * a sleep) and keeps its slot (dialer.ts).
 */
import * as table from '#shared/db/table';
import { type TransactItem, transact } from '#shared/db/transactions';
import { twilioAccountCallsPerSecond, twilioAccountSid } from '../calls/twilio-client.ts';
import { dialerPaceKey, type ItemKey, twilioAccountPaceKey } from '../keys.ts';

/** When a reservation asked for at `now` may dial, and where the bucket moves on to. */
export function nextSlot(previous: number | undefined, now: number, callsPerSecond: number): { at: number; next: number } {
  const at = Math.max(now, previous ?? now);
  return { at, next: at + 1000 / callsPerSecond };
}

const ATTEMPTS = 20;

type Bucket = { next_slot_at?: number };

/** Moves a bucket from what was read to `next`, only if nobody moved it meanwhile. An idle bucket disappears an hour after its last slot. */
function move(key: ItemKey, read: Bucket | undefined, next: number): TransactItem {
  const previous = read?.next_slot_at;
  return {
    Update: {
      Key: key,
      UpdateExpression: 'SET next_slot_at = :next, expiresAt = :expires',
      ConditionExpression: previous === undefined ? 'attribute_not_exists(next_slot_at)' : 'next_slot_at = :previous',
      ExpressionAttributeValues: { ':next': next, ':expires': Math.ceil(next / 1000) + 3600, ...(previous === undefined ? {} : { ':previous': previous }) },
    },
    conflictCode: 'pace_moved',
  };
}

/** Reserves the next dial slot free for both the account and the organization; answers when (epoch ms) the dial may go. */
export async function reserveDialSlot(orgId: string, callsPerSecond: number): Promise<number> {
  const [accountSid, accountRate] = await Promise.all([twilioAccountSid(), twilioAccountCallsPerSecond()]);
  const accountKey = twilioAccountPaceKey(accountSid);
  const orgKey = dialerPaceKey(orgId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [account, org] = await Promise.all([table.get<Bucket>(accountKey, { consistent: true }), table.get<Bucket>(orgKey, { consistent: true })]);
    const at = Math.max(Date.now(), account?.next_slot_at ?? 0, org?.next_slot_at ?? 0);
    try {
      await transact([
        move(accountKey, account, nextSlot(account?.next_slot_at, at, accountRate).next),
        move(orgKey, org, nextSlot(org?.next_slot_at, at, callsPerSecond).next),
      ]);
      return at;
    } catch (error) {
      // Another dial took a slot between the read and the write: read again.
      const code = (error as { code?: string }).code;
      if (code !== 'pace_moved' && code !== 'transaction_conflict') throw error;
    }
  }
  throw new Error('the dialer pacing buckets stayed contended');
}

/** How far ahead (ms) dials are already booked, on the account or the organization: sweeps claim only what fits in the next minute. */
export async function pacingBacklogMs(orgId: string): Promise<number> {
  const accountSid = await twilioAccountSid();
  const [account, org] = await Promise.all([
    table.get<Bucket>(twilioAccountPaceKey(accountSid), { consistent: true }),
    table.get<Bucket>(dialerPaceKey(orgId), { consistent: true }),
  ]);
  return Math.max(0, Math.max(account?.next_slot_at ?? 0, org?.next_slot_at ?? 0) - Date.now());
}
