/**
 * Messages of conversations, and the WhatsApp-id record (`WAMID#<wamid>`) that
 * makes inbound processing idempotent and lets statuses find their message.
 *
 * Inbound deduplication is a claim written before anything else: a
 * conditional Put of the wamid record. The one processor that creates it (or,
 * after `CLAIM_LEASE_MS`, takes over an abandoned claim) stores the message; the
 * message, the counters and `done` on the claim are one transaction. Any other
 * delivery of the same wamid, concurrent or later, finds the claim and stops,
 * so ten replays make one message, one contact and one conversation.
 *
 * Outbound messages (sent through the Graph API) write the same record, `done`,
 * once Graph answers their wamid, so status callbacks reach them.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/errors';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { contactKey, conversationKey, type ItemKey, messageKey, orgPartition, wamidKey } from '../keys.ts';
import { publishEvent } from './events.ts';
import { type Content, STATUS_RANK } from './inbound-messages.ts';

/** Longer than a consumer may run (30 s): a claim older than this was abandoned by a processor that died. */
export const CLAIM_LEASE_MS = 60_000;

export interface WamidRecord extends ItemKey {
  wamid: string;
  message_id: string;
  /** When the message was first received: its place in the conversation. */
  created_at: string;
  claimed_at: string;
  done: boolean;
  conversation_id?: string;
  /** The message's sort key, once stored. */
  message_sk?: string;
}

export interface MessageRecord extends ItemKey {
  id: string;
  organization_id: string;
  conversation_id: string;
  whatsapp_number_id: string;
  contact_id: string;
  direction: 'inbound' | 'outbound';
  sender_type: 'contact' | 'agent' | 'bot' | 'system';
  message_type: string;
  content: Content;
  status: string;
  whatsapp_message_id: string;
  whatsapp_timestamp: number | null;
  reply_to_wamid: string | null;
  error_code: string | null;
  error_message: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  failed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type Claim = { state: 'claimed'; messageId: string; createdAt: string } | { state: 'duplicate' };

/** Claims the wamid for this processor, or says another has (or had) it. */
export async function claimWamid(orgId: string, wamid: string, nowMs: number): Promise<Claim> {
  const now = new Date(nowMs).toISOString();
  const fresh: WamidRecord = { ...wamidKey(orgId, wamid), wamid, message_id: randomUUID(), created_at: now, claimed_at: now, done: false };
  if (await table.put({ ...fresh }, { condition: 'attribute_not_exists(pk)' })) return { state: 'claimed', messageId: fresh.message_id, createdAt: now };
  const held = await table.get<WamidRecord>(wamidKey(orgId, wamid), { consistent: true });
  if (!held || held.done || nowMs - Date.parse(held.claimed_at) < CLAIM_LEASE_MS) return { state: 'duplicate' };
  const taken = await table.update(wamidKey(orgId, wamid), 'SET claimed_at = :now', {
    condition: 'claimed_at = :held AND done = :false',
    values: { ':now': now, ':held': held.claimed_at, ':false': false },
  });
  return taken ? { state: 'claimed', messageId: held.message_id, createdAt: held.created_at } : { state: 'duplicate' };
}

export interface InboundStore {
  orgId: string;
  numberId: string;
  contactId: string;
  conversationId: string;
  claim: Extract<Claim, { state: 'claimed' }>;
  wamid: string;
  message_type: string;
  content: Content;
  timestamp?: number;
  reply_to_wamid?: string;
  profileName?: string;
  now: string;
}

/** Stores the claimed inbound message with its counters, and marks the claim done: all or nothing. False when another processor finished first. */
export async function storeInbound(input: InboundStore): Promise<boolean> {
  const key = messageKey(input.orgId, input.conversationId, input.claim.createdAt, input.claim.messageId);
  const message: MessageRecord = {
    ...key,
    id: input.claim.messageId,
    organization_id: input.orgId,
    conversation_id: input.conversationId,
    whatsapp_number_id: input.numberId,
    contact_id: input.contactId,
    direction: 'inbound',
    sender_type: 'contact',
    message_type: input.message_type,
    content: input.content,
    status: 'received',
    whatsapp_message_id: input.wamid,
    whatsapp_timestamp: input.timestamp ?? null,
    reply_to_wamid: input.reply_to_wamid ?? null,
    error_code: null,
    error_message: null,
    sent_at: null,
    delivered_at: null,
    read_at: null,
    failed_at: null,
    created_at: input.claim.createdAt,
    updated_at: input.now,
  };
  try {
    await transact([
      { Put: { Item: message, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'message_stored' },
      {
        Update: {
          Key: conversationKey(input.orgId, input.conversationId),
          UpdateExpression:
            'ADD total_messages :one, messages_from_contact :one, version :one SET last_message_at = :now, last_message_from_contact_at = :now, updated_at = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1, ':now': input.now },
        },
      },
      {
        Update: {
          Key: contactKey(input.orgId, input.contactId),
          UpdateExpression: `ADD total_messages_received :one, version :one SET last_message_at = :now, last_message_received_at = :now, updated_at = :now${input.profileName ? ', whatsapp_name = :name' : ''}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1, ':now': input.now, ...(input.profileName ? { ':name': input.profileName } : {}) },
        },
      },
      {
        Update: {
          Key: wamidKey(input.orgId, input.wamid),
          UpdateExpression: 'SET done = :true, conversation_id = :conversation, message_sk = :sk',
          ConditionExpression: 'message_id = :id AND done = :false',
          ExpressionAttributeValues: { ':true': true, ':false': false, ':conversation': input.conversationId, ':sk': key.sk, ':id': input.claim.messageId },
        },
        conflictCode: 'claim_finished',
      },
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'message_stored' || error.code === 'claim_finished')) return false;
    throw error;
  }
}

export interface StatusUpdate {
  wamid: string;
  status: string;
  /** Epoch ms of the status (Meta's timestamp), else now. */
  at: number;
  errorCode?: string;
  errorTitle?: string;
}

export type StatusOutcome = 'applied' | 'unknown_message' | 'unknown_status' | 'stale';

/** Moves a message's status forward (sent < delivered < read; failed last, with its error), announced live; older or repeated statuses change nothing. */
export async function applyStatus(orgId: string, update: StatusUpdate): Promise<StatusOutcome> {
  const rank = STATUS_RANK[update.status];
  if (rank === undefined) return 'unknown_status';
  const record = await table.get<WamidRecord>(wamidKey(orgId, update.wamid), { consistent: true });
  if (!record?.done || !record.message_sk) return 'unknown_message';
  const at = new Date(update.at).toISOString();
  const failed = update.status === 'failed';
  const applied = await table.update(
    { pk: orgPartition(orgId), sk: record.message_sk },
    `SET #status = :status, status_rank = :rank, #at = :at, updated_at = :now${failed ? ', error_code = :code, error_message = :title' : ''}`,
    {
      condition: 'attribute_exists(pk) AND (attribute_not_exists(status_rank) OR status_rank < :rank)',
      names: { '#status': 'status', '#at': `${update.status}_at` },
      values: {
        ':status': update.status,
        ':rank': rank,
        ':at': at,
        ':now': new Date().toISOString(),
        ...(failed ? { ':code': update.errorCode ?? null, ':title': update.errorTitle ?? null } : {}),
      },
    },
  );
  if (!applied) return 'stale';
  await publishEvent(orgId, {
    type: 'message:status',
    conversation_id: record.conversation_id,
    message_id: record.message_id,
    status: update.status,
    ...(failed ? { error_code: update.errorCode ?? null } : {}),
  });
  return 'applied';
}
