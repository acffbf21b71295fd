/**
 * Where the product's events ask for notifications: each call queues one job
 * on the `notifications` queue naming the event, its recipients (users, the
 * organization's admins, a department's agents) and its text; the consumer
 * (deliver.ts) applies each recipient's preferences. The event key makes each
 * notification once per event and recipient, however often the job runs.
 *
 * A failed enqueue is logged, not thrown: the change that caused the event is
 * already stored, and a notification never undoes it.
 */
import * as z from 'zod/mini';
import { errorFacts, logger } from '#shared/observability/logger';
import { sendJob } from '#shared/queue/send';
import { queues } from '../resources.ts';
import { NOTIFICATION_TYPES } from './notifications.ts';

export const notificationJobSchema = z.object({
  organization_id: z.string().check(z.minLength(1)),
  notification_type: z.enum(NOTIFICATION_TYPES),
  /** What happened, once: `assigned:<conversation>:<agent>:<at>`… */
  event_key: z.string().check(z.minLength(1)),
  recipients: z.object({
    user_ids: z.optional(z.array(z.string())),
    /** The organization's org_admins and super_admins. */
    admins: z.optional(z.boolean()),
    /** The department's active agents. */
    department_id: z.optional(z.string()),
  }),
  /** Who caused it: not notified of her own action. */
  actor_id: z.optional(z.nullable(z.string())),
  subject: z.string(),
  message: z.string(),
  metadata: z.record(z.string(), z.unknown()),
});

export type NotificationJob = z.output<typeof notificationJobSchema>;

async function enqueue(job: NotificationJob): Promise<void> {
  try {
    await sendJob(queues.notifications, job);
  } catch (error) {
    logger.warn('notification not queued', { notification_type: job.notification_type, organization_id: job.organization_id, ...errorFacts(error) });
  }
}

interface ConversationFacts {
  organization_id: string;
  id: string;
  current_agent_id: string | null;
  updated_at: string;
  assigned_at?: string | null;
  closed_at?: string | null;
  queue_id?: string | null;
}

/** The agent a conversation was just given to. */
export async function notifyAssigned(conversation: ConversationFacts, actorId?: string): Promise<void> {
  const agentId = conversation.current_agent_id;
  if (!agentId) return;
  await enqueue({
    organization_id: conversation.organization_id,
    notification_type: 'conversation_assigned',
    event_key: `assigned:${conversation.id}:${agentId}:${conversation.assigned_at ?? conversation.updated_at}`,
    recipients: { user_ids: [agentId] },
    actor_id: actorId ?? null,
    subject: 'Conversation assigned',
    message: 'A conversation was assigned to you',
    metadata: { conversation_id: conversation.id, queue_id: conversation.queue_id ?? null },
  });
}

/** The agent who had a conversation that was just closed. */
export async function notifyClosed(conversation: ConversationFacts, actorId?: string): Promise<void> {
  if (!conversation.current_agent_id) return;
  await enqueue({
    organization_id: conversation.organization_id,
    notification_type: 'conversation_closed',
    event_key: `closed:${conversation.id}:${conversation.closed_at ?? conversation.updated_at}`,
    recipients: { user_ids: [conversation.current_agent_id] },
    actor_id: actorId ?? null,
    subject: 'Conversation closed',
    message: 'A conversation assigned to you was closed',
    metadata: { conversation_id: conversation.id },
  });
}

/** The organization's admins, of a contact just added (by a customer's first message or by hand). */
export async function notifyNewContact(orgId: string, contact: { id: string }, actorId?: string): Promise<void> {
  await enqueue({
    organization_id: orgId,
    notification_type: 'new_contact',
    event_key: `contact:${contact.id}`,
    recipients: { admins: true },
    actor_id: actorId ?? null,
    subject: 'New contact',
    message: 'A new contact was added',
    metadata: { contact_id: contact.id },
  });
}

export interface SlaAlert {
  conversation_id: string;
  queue_id: string;
  queue_name: string;
  department_id: string;
  queued_at: string;
  sla_minutes: number;
  waited_minutes: number;
  severity: 'warning' | 'critical';
}

/** The queue's department agents and the organization's admins, of a conversation near (warning) or over (critical) its SLA. */
export async function notifySla(orgId: string, alert: SlaAlert): Promise<void> {
  await enqueue({
    organization_id: orgId,
    notification_type: 'sla_warning',
    event_key: `sla:${alert.conversation_id}:${alert.queued_at}:${alert.severity}`,
    recipients: { admins: true, department_id: alert.department_id },
    subject: alert.severity === 'critical' ? 'SLA exceeded' : 'SLA warning',
    message:
      alert.severity === 'critical'
        ? `A conversation in queue ${alert.queue_name} has waited over its SLA of ${alert.sla_minutes} minutes`
        : `A conversation in queue ${alert.queue_name} has waited ${alert.waited_minutes} of its ${alert.sla_minutes} SLA minutes`,
    metadata: { ...alert },
  });
}
