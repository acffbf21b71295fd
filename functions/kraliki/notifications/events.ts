/**
 * The call events that notify someone, and whom: the agent a call is assigned
 * to; for an inbound call that ended without reaching an agent, its agent if it
 * had one assigned, else the organization's SUPERVISORs and ADMINs; a contacts
 * import that finished, whoever started it; an outbound campaign with no
 * contact left to dial, the organization's SUPERVISORs and ADMINs. (A report
 * ready notifies its requester from reports.ts.) Each event has a stable identity
 * (`dedupe`), so handling it again (a retried job) notifies nobody twice.
 * Texts name no phone number: a notification says what happened and carries
 * the ids to open it.
 */
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import { logger } from '#shared/observability/logger';
import type { Role } from '../auth/roles.ts';
import type { CallRecord } from '../calls/calls.ts';
import { orgPartition, USER_PREFIX } from '../keys.ts';
import type { UserStatus } from '../users/users.ts';
import { type NewNotification, notify } from './notifications.ts';

/** The organization's active SUPERVISORs and ADMINs (user ids). */
async function supervisorsOf(orgId: string): Promise<string[]> {
  const query = keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: USER_PREFIX } });
  const users = await queryAll<{ id: string; role: Role; status: UserStatus }>({
    ...query,
    ProjectionExpression: 'id, #role, #status',
    ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#role': 'role', '#status': 'status' },
  });
  return users.filter((user) => user.status === 'ACTIVE' && (user.role === 'SUPERVISOR' || user.role === 'ADMIN')).map((user) => user.id);
}

async function notifyAll(orgId: string, userIds: string[], input: NewNotification): Promise<void> {
  await Promise.all(userIds.map((userId) => notify(orgId, userId, { ...input, dedupe: input.dedupe && `${input.dedupe}:${userId}` })));
}

export async function notifyCallAssigned(call: CallRecord): Promise<void> {
  if (!call.agent_id) return;
  await notify(call.organization_id, call.agent_id, {
    type: 'call_assigned',
    title: 'Call assigned to you',
    message: `An ${call.direction.toLowerCase()} call (${call.status.replace('_', ' ').toLowerCase()}) was assigned to you.`,
    data: { call_id: call.id },
    at: call.updated_at,
    dedupe: `call_assigned:${call.id}:${call.updated_at}`,
  });
}

/** An inbound call that finished without an agent on the line (no agent leg): someone should call back. */
export async function notifyMissedCall(call: CallRecord): Promise<void> {
  if (call.direction !== 'INBOUND' || call.agent_call_sid) return;
  const recipients = call.agent_id ? [call.agent_id] : await supervisorsOf(call.organization_id);
  await notifyAll(call.organization_id, recipients, {
    type: 'missed_call',
    title: 'Missed call',
    message: `An inbound call ended without reaching an agent (${call.status.replace('_', ' ').toLowerCase()}).`,
    data: { call_id: call.id },
    at: call.end_time ?? call.updated_at,
    dedupe: `missed_call:${call.id}`,
  });
  logger.info('missed call notified', { callId: call.id, recipients: recipients.length });
}

/** A contacts import ended (COMPLETED or FAILED): whoever started it hears how it went. */
export async function notifyImportFinished(
  orgId: string,
  job: { id: string; campaign_id: string; status: string; imported: number; failed: number; created_by: string; updated_at: string },
): Promise<void> {
  const completed = job.status === 'COMPLETED';
  await notify(orgId, job.created_by, {
    type: 'import_finished',
    title: completed ? 'Contacts import completed' : 'Contacts import failed',
    message: completed
      ? `${job.imported} contact(s) imported, ${job.failed} row(s) rejected.`
      : `The import stopped after ${job.imported} contact(s); see the import for why.`,
    data: { job_id: job.id, campaign_id: job.campaign_id, status: job.status },
    at: job.updated_at,
    dedupe: `import_finished:${job.id}`,
  });
  logger.info('contacts import notified', { organizationId: orgId, jobId: job.id, status: job.status });
}

/**
 * An outbound campaign has no contact left to dial (each completed, failed its attempts, opted out
 * or is not to be called): its supervisors and admins hear it once per contact count, so contacts
 * added and dialed later bring a new notification when they are done too.
 */
export async function notifyCampaignFinished(
  campaign: { id: string; organization_id: string; name: string; contacts_count: number },
  at: string,
): Promise<void> {
  const recipients = await supervisorsOf(campaign.organization_id);
  await notifyAll(campaign.organization_id, recipients, {
    type: 'campaign_finished',
    title: 'Campaign finished',
    message: `Every contact of the campaign “${campaign.name}” has been dialed.`,
    data: { campaign_id: campaign.id },
    at,
    dedupe: `campaign_finished:${campaign.id}:${campaign.contacts_count}`,
  });
  logger.info('campaign finished notified', { organizationId: campaign.organization_id, campaignId: campaign.id, recipients: recipients.length });
}
