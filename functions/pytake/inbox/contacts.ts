/**
 * Contacts as inbound messages make them: the customer's WhatsApp id is unique
 * per organization (lookup item `CONTACT_WA#<wa_id>`, claimed in the same
 * transaction as the contact), so concurrent first messages of one customer make
 * one contact. Fields follow the original's Contact model; the contacts routes
 * read and edit the same items.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/errors';
import { keyParts } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { claimUnique, transact } from '#shared/db/transactions';
import { contactByWhatsappKey, contactIndexKeys, contactKey, type ItemKey } from '../keys.ts';

interface Lookup extends ItemKey {
  owner: ItemKey;
}

const idOf = (owner: ItemKey): string => keyParts(owner.sk)[1];

/** The contact of `waId` in the organization, created (with its WhatsApp profile name) on the customer's first message. */
export async function contactForInbound(orgId: string, waId: string, profileName: string | undefined, now: string): Promise<{ id: string; created: boolean }> {
  const lookupKey = contactByWhatsappKey(orgId, waId);
  const existing = await table.get<Lookup>(lookupKey, { consistent: true });
  if (existing) return { id: idOf(existing.owner), created: false };
  const id = randomUUID();
  const key = contactKey(orgId, id);
  try {
    await transact([
      {
        Put: {
          Item: {
            ...key,
            ...contactIndexKeys(orgId, now, id),
            id,
            organization_id: orgId,
            whatsapp_id: waId,
            whatsapp_name: profileName ?? null,
            name: null,
            email: null,
            phone_number: null,
            avatar_url: null,
            company: null,
            notes: null,
            attributes: {},
            tags: [],
            source: 'whatsapp',
            lifecycle_stage: 'lead',
            opt_in: true,
            opt_in_date: null,
            opt_out_date: null,
            is_blocked: false,
            is_vip: false,
            last_message_at: null,
            last_message_received_at: null,
            last_message_sent_at: null,
            total_messages_sent: 0,
            total_messages_received: 0,
            total_conversations: 0,
            created_at: now,
            updated_at: now,
            version: 1,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      claimUnique({ key: lookupKey, conflictCode: 'contact_exists' }, key),
    ]);
    return { id, created: true };
  } catch (error) {
    if (!(error instanceof AppError && error.kind === 'conflict')) throw error;
    // Another message of the same customer created it first.
    const winner = await table.get<Lookup>(lookupKey, { consistent: true });
    if (!winner) throw error;
    return { id: idOf(winner.owner), created: false };
  }
}
