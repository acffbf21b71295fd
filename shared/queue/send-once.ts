/**
 * At most one send per idempotency key, for queue consumers whose provider has
 * no idempotency key of its own (SNS, SES): a marker item, written before and
 * after the send.
 *
 *   claim   conditional write `sending` with a claim id, unless the marker is
 *           finished, or says `sending` under a claim younger than the lease;
 *   send    (the caller's);
 *   finish  the final state, conditioned on still holding the claim; or
 *   release the claim deleted, when nothing was sent, so a redelivery sends
 *           at once.
 *
 * A second delivery while a claim is fresh (SQS may deliver a message twice at
 * once) finds it `in_progress`, and is retried later. Only a crash between
 * the send and the finish can send twice, after the lease: whether the send
 * left cannot be known, and for the messages here a duplicate is better than
 * a lost one. `attempts` above 1 on a claim tells the caller that may be so.
 */
import { randomUUID } from 'node:crypto';
import * as table from '../db/table.ts';
import { expiresAt } from '../db/ttl.ts';
import type { Key } from '../db/keys.ts';

/** Markers outlive every redelivery: SQS keeps a message (and its DLQ copy) at most 14 days. */
const MARKER_DAYS = 15;

export type SendClaim =
  /** This delivery sends: `attempts` counts the claims so far, 1 unless an earlier one ended between send and finish. */
  | { outcome: 'claimed'; claimId: string; attempts: number }
  /** An earlier delivery finished: its final state (`sent`, or what the caller finished it with). */
  | { outcome: 'finished'; state: string }
  /** Another delivery holds a fresh claim. */
  | { outcome: 'in_progress' };

/** `leaseSeconds` must be longer than the consumer's timeout: a claim that old belongs to an attempt that is certainly over. */
export async function claimSend(marker: Key, options: { leaseSeconds: number; now?: Date }): Promise<SendClaim> {
  const now = options.now ?? new Date();
  const claimId = randomUUID();
  const claimed = await table.update<{ attempts: number }>(
    marker,
    'SET #state = :sending, claimId = :claim, claimedAt = :now, expiresAt = :expires ADD attempts :one',
    {
      condition: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
      names: { '#state': 'state' },
      values: {
        ':sending': 'sending',
        ':claim': claimId,
        ':now': now.getTime(),
        ':stale': now.getTime() - options.leaseSeconds * 1000,
        ':expires': expiresAt(MARKER_DAYS * 86_400, now),
        ':one': 1,
      },
      returning: 'new',
    },
  );
  if (claimed) return { outcome: 'claimed', claimId, attempts: claimed.attempts };
  const current = await table.get<{ state: string }>(marker, { consistent: true });
  // Gone meanwhile (released by a failed attempt): as good as in progress, the redelivery claims it.
  return !current || current.state === 'sending' ? { outcome: 'in_progress' } : { outcome: 'finished', state: current.state };
}

/**
 * Records the final state (and `fields`, such as the provider's message id) if the claim is still
 * held; a claim lost meanwhile (a lease that ran out) leaves the marker to its new holder. False
 * when every one of `attempts` tries failed with an error: the send happened, and only a
 * redelivery after the lease would repeat it.
 */
export async function finishSend(marker: Key, claimId: string, state: string, fields: Record<string, string> = {}, attempts = 1): Promise<boolean> {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = { ':state': state, ':claim': claimId };
  const sets = ['#state = :state'];
  for (const [index, [name, value]] of Object.entries(fields).entries()) {
    names[`#f${index}`] = name;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  }
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await table.update(marker, `SET ${sets.join(', ')} REMOVE claimedAt`, { condition: 'claimId = :claim', names, values });
      return true;
    } catch {
      // A throttle or a network failure: tried again up to `attempts` times.
    }
  }
  return false;
}

/** Frees the claim after a send that did not happen, so the redelivery sends at once (best effort: the lease frees it anyway). */
export async function releaseSend(marker: Key, claimId: string): Promise<void> {
  await table.delete(marker, { condition: 'claimId = :claim', values: { ':claim': claimId } }).catch(() => undefined);
}
