/**
 * The `meta-webhook` queue's jobs: one verified change of a Meta webhook, with
 * the organization and number its signature was checked against.
 */
import * as z from 'zod/mini';
import { sendJobs } from '#shared/queue/send';
import type { ChangeJob } from '../inbox/inbound.ts';
import { queues } from '../resources.ts';

export const changeJob = z.object({
  organization_id: z.string().check(z.minLength(1)),
  whatsapp_number_id: z.string().check(z.minLength(1)),
  value: z.record(z.string(), z.unknown()),
});

/** SQS takes 256 KiB per message; a change larger than this (never seen from Meta) is not queued. */
export const MAX_JOB_BYTES = 240_000;

export const enqueueChanges = (jobs: ChangeJob[]): Promise<void> => sendJobs(queues.metaWebhook, jobs);
