/**
 * Work a call's status change sets off, done by a queue consumer
 * (process-call-job.ts) so nothing slow runs in a webhook's or route's request:
 * - `dial-agent`: the call became IN_PROGRESS with an agent assigned (or an agent
 *   was assigned to a call in progress): dial her into the call's conference;
 * - `call-finished`: an assigned call reached a final status: count it in her
 *   day's totals and give back the capacity it took;
 * - `call-ended`: any call reached a final status: a campaign's dial settles its
 *   contact's attempt (campaigns/dialer.ts) and its transcripts are queued for
 *   analysis (ai/analysis.ts), and it is counted in the analytics and notified if
 *   missed (analytics/aggregates.ts); all are idempotent, so this job is enqueued
 *   again by every repeated final callback rather than claimed;
 * - `call-active`: a call went in progress: the dashboard counts it as active
 *   until it ends (analytics/aggregates.ts).
 * An assignment also notifies the agent (notifications/events.ts).
 * Jobs are enqueued by the request whose conditional write made the change
 * (`advanceCall` answers the call only to the writer that moved it), and again
 * by a repeated callback while nothing claimed the work yet; the consumer claims
 * each piece of work on the call item, so however many jobs there are, a
 * replayed callback or a redelivered message never dials twice.
 */
import * as z from 'zod/mini';
import { sendJob } from '#shared/queue/send';
import { notifyCallAssigned } from '../notifications/events.ts';
import { queues } from '../resources.ts';
import { type CallStatus, isFinal } from './call-status.ts';
import type { CallRecord } from './calls.ts';

export const callJob = z.object({
  kind: z.enum(['dial-agent', 'call-finished', 'call-ended', 'call-active']),
  organization_id: z.string(),
  call_id: z.string(),
});
export type CallJob = z.infer<typeof callJob>;

const ACTIVE: CallStatus[] = ['IN_PROGRESS', 'ON_HOLD'];

/** After a write moved `call` to its status: the work it calls for, enqueued. */
export async function afterStatusChange(call: CallRecord): Promise<void> {
  if (isFinal(call.status)) await enqueue('call-ended', call);
  if (ACTIVE.includes(call.status)) await enqueue('call-active', call);
  if (!call.agent_id) return;
  if (call.status === 'IN_PROGRESS' && !call.agent_call_sid) await enqueue('dial-agent', call);
  else if (isFinal(call.status)) await enqueue('call-finished', call);
}

/**
 * After a callback that changed nothing (a replay, or Twilio's retry of a callback whose
 * answer failed, perhaps while enqueueing): the work is enqueued again if no consumer
 * has claimed it yet, so a lost enqueue is made good; the consumer's claim still lets
 * only one job act.
 */
export async function afterRepeatedStatus(call: CallRecord | undefined): Promise<void> {
  if (call && isFinal(call.status)) await enqueue('call-ended', call);
  if (!call?.agent_id) return;
  if (call.status === 'IN_PROGRESS' && !call.agent_call_sid && !call.agent_dial_claim) await enqueue('dial-agent', call);
  else if (isFinal(call.status) && !call.agent_release_claim) await enqueue('call-finished', call);
}

/** After an agent was assigned to `call` (as stored now). */
export async function afterAssignment(call: CallRecord): Promise<void> {
  await notifyCallAssigned(call);
  if (call.agent_id && ACTIVE.includes(call.status) && !call.agent_call_sid) await enqueue('dial-agent', call);
}

const enqueue = (kind: CallJob['kind'], call: CallRecord) =>
  sendJob(queues.callWork, { kind, organization_id: call.organization_id, call_id: call.id } satisfies CallJob, { groupId: call.organization_id });
