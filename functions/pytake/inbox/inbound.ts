/**
 * One verified change of the Meta webhook, processed: each inbound message
 * (claimed by its wamid first, then contact, conversation, window, message) and
 * each status. Every step is idempotent, so a job retried after a failure
 * part-way finishes the work without doing any of it twice.
 */
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { whatsappNumberKey } from '../keys.ts';
import { itemsOf, type MetaStatus } from '../webhooks/meta-payload.ts';
import { contactForInbound } from './contacts.ts';
import { publishEvent } from './events.ts';
import { notifyNewContact } from '../notifications/notify.ts';
import { extendServiceWindow, openConversation } from './conversations.ts';
import { inboundMessageOf, profileNameOf } from './inbound-messages.ts';
import { applyStatus, claimWamid, type StatusOutcome, storeInbound } from './messages.ts';

export interface ChangeJob {
  organization_id: string;
  whatsapp_number_id: string;
  value: Record<string, unknown>;
}

export interface ChangeOutcome {
  stored: number;
  duplicates: number;
  statuses: Partial<Record<StatusOutcome, number>>;
  skipped: number;
}

const epochMs = (seconds: string | number | undefined, fallback: number): number => {
  const value = Number(seconds);
  return Number.isFinite(value) && value > 0 ? value * 1000 : fallback;
};

export async function processChange(job: ChangeJob): Promise<ChangeOutcome> {
  const { organization_id: orgId } = job;
  const items = itemsOf(job.value);
  const outcome: ChangeOutcome = { stored: 0, duplicates: 0, statuses: {}, skipped: items.skipped };
  if (items.messages.length) {
    const number = await table.get<{ id: string; default_chatbot_id: string | null }>(whatsappNumberKey(orgId, job.whatsapp_number_id), { consistent: true });
    // The number was deleted after the webhook was accepted: nothing of it is kept.
    if (!number) return { ...outcome, skipped: outcome.skipped + items.messages.length };
    for (const raw of items.messages) {
      const message = inboundMessageOf(raw);
      const nowMs = Date.now();
      const claim = await claimWamid(orgId, message.wamid, nowMs);
      if (claim.state === 'duplicate') {
        outcome.duplicates++;
        continue;
      }
      const now = new Date(nowMs).toISOString();
      const profileName = profileNameOf(items.contacts, message.from);
      const contact = await contactForInbound(orgId, message.from, profileName, now);
      if (contact.created) await notifyNewContact(orgId, contact);
      const conversation = await openConversation(orgId, contact.id, { id: number.id, default_chatbot_id: number.default_chatbot_id ?? null }, now);
      await extendServiceWindow(orgId, conversation.id, message.timestamp ? message.timestamp * 1000 : nowMs);
      const stored = await storeInbound({
        orgId,
        numberId: number.id,
        contactId: contact.id,
        conversationId: conversation.id,
        claim,
        wamid: message.wamid,
        message_type: message.message_type,
        content: message.content,
        timestamp: message.timestamp,
        reply_to_wamid: message.reply_to_wamid,
        profileName,
        now,
      });
      if (stored) {
        outcome.stored++;
        await publishEvent(orgId, {
          type: 'message:new',
          conversation_id: conversation.id,
          message_id: claim.messageId,
          direction: 'inbound',
          message_type: message.message_type,
        });
      } else outcome.duplicates++;
    }
  }
  for (const status of items.statuses) {
    const result = await applyStatus(orgId, statusUpdateOf(status));
    outcome.statuses[result] = (outcome.statuses[result] ?? 0) + 1;
  }
  logger.info('webhook change processed', { ...outcome });
  return outcome;
}

function statusUpdateOf(status: MetaStatus) {
  const error = status.errors?.[0];
  return {
    wamid: status.id,
    status: status.status,
    at: epochMs(status.timestamp, Date.now()),
    ...(error ? { errorCode: error.code === undefined ? undefined : String(error.code), errorTitle: error.title ?? error.message } : {}),
  };
}
