/**
 * The outbound dialer's jobs on the `campaign-dial` queue (dialer.ts does the work):
 * - `sweep`: find a dialing campaign's due contacts, claim a minute's worth and enqueue their dials;
 * - `dial`: one attempt at one contact, paced (`slot_at` is the pacing slot it reserved, kept
 *   across the SQS delays it waits through);
 * - `outcome`: a dialed call ended: the contact is done, retried later, or failed for good.
 * Every job names its organization; the code that enqueues it took it from the
 * verified caller or from a stored item of that organization, and every key the
 * consumer builds is in that organization's partition.
 */
import * as z from 'zod/mini';
import { sendJob, sendJobs } from '#shared/queue/send';
import { queues } from '../resources.ts';

const sweep = z.object({ kind: z.literal('sweep'), organization_id: z.string(), campaign_id: z.string() });
const dial = z.object({
  kind: z.literal('dial'),
  organization_id: z.string(),
  campaign_id: z.string(),
  contact_id: z.string(),
  /** The attempt this job makes (the contact's `attempts` once it dials). */
  attempt: z.int().check(z.gte(1)),
  slot_at: z.optional(z.number()),
});
const outcome = z.object({ kind: z.literal('outcome'), organization_id: z.string(), contact_id: z.string(), call_id: z.string() });

export const dialerJob = z.discriminatedUnion('kind', [sweep, dial, outcome]);
export type DialerJob = z.infer<typeof dialerJob>;
export type SweepJob = z.infer<typeof sweep>;
export type DialJob = z.infer<typeof dial>;
export type OutcomeJob = z.infer<typeof outcome>;

/** SQS delays a message at most 15 minutes. */
export const MAX_DELAY_SECONDS = 900;

const byOrg = (job: { organization_id: string }) => ({ groupId: job.organization_id });

export const enqueueSweep = (orgId: string, campaignId: string) =>
  sendJob(queues.campaignDial, { kind: 'sweep', organization_id: orgId, campaign_id: campaignId } satisfies SweepJob, { groupId: orgId });

export const enqueueSweeps = (campaigns: { organization_id: string; id: string }[]) =>
  sendJobs(
    queues.campaignDial,
    campaigns.map((c) => ({ kind: 'sweep', organization_id: c.organization_id, campaign_id: c.id }) satisfies SweepJob),
  );

export const enqueueDials = (orgId: string, jobs: DialJob[]) => (jobs.length ? sendJobs(queues.campaignDial, jobs, { groupId: orgId }) : Promise.resolve());

export const enqueueDial = (job: DialJob, delaySeconds = 0) =>
  sendJob(queues.campaignDial, job, { ...byOrg(job), delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds))) });

export const enqueueOutcome = (orgId: string, contactId: string, callId: string) =>
  sendJob(queues.campaignDial, { kind: 'outcome', organization_id: orgId, contact_id: contactId, call_id: callId } satisfies OutcomeJob, { groupId: orgId });
