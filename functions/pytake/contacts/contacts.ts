/**
 * Contacts of an organization: the customers it talks to on WhatsApp. A
 * contact's WhatsApp id is unique within the organization (lookup item
 * `CONTACT_WA#<wa_id>`, claimed with the contact in one transaction; inbound
 * messages create contacts the same way, functions/pytake/inbox/contacts.ts).
 * `tags` holds the ids of the contact's tags; answers name them. `attributes`
 * holds the organization's custom fields.
 *
 * Lists read the organization's contacts newest first from the index and
 * filter them here (search is case-insensitive, as the original's ILIKE),
 * reading only as far as the page asked for (`skip` + `limit` matches).
 * Deletion keeps the record (conversations name it), hides it, and frees its
 * WhatsApp id, so the customer's next message makes a new contact.
 */
import { randomUUID } from 'node:crypto';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { claimUnique, releaseUnique, transact } from '#shared/db/transactions';
import { AppError, conflict, invalid } from '#shared/errors';
import { objectNotFound } from '../errors.ts';
import { contactByWhatsappKey, contactIndexKeys, contactKey } from '../keys.ts';
import { findUser } from '../users/users.ts';
import { tagNamesById } from './tags.ts';

export type ContactRecord = {
  pk: string;
  sk: string;
  id: string;
  organization_id: string;
  whatsapp_id: string;
  whatsapp_name: string | null;
  whatsapp_profile_pic?: string | null;
  name: string | null;
  email: string | null;
  phone_number: string | null;
  avatar_url: string | null;
  company: string | null;
  job_title?: string | null;
  notes: string | null;
  address_street?: string | null;
  address_city?: string | null;
  address_state?: string | null;
  address_country?: string | null;
  address_postal_code?: string | null;
  attributes: Record<string, unknown>;
  /** Ids of the contact's tags. */
  tags: string[];
  source: string | null;
  lifecycle_stage: string | null;
  opt_in: boolean;
  opt_in_date: string | null;
  opt_out_date: string | null;
  is_blocked: boolean;
  blocked_at?: string | null;
  blocked_reason?: string | null;
  is_vip: boolean;
  last_message_at: string | null;
  last_message_received_at: string | null;
  last_message_sent_at: string | null;
  total_messages_sent: number;
  total_messages_received: number;
  total_conversations: number;
  average_response_time_seconds?: number | null;
  assigned_agent_id?: string | null;
  assigned_department_id?: string | null;
  created_at: string;
  updated_at: string;
  deleted_at?: string;
  version: number;
};

/** The original's `Contact` response: `tags` as names. */
export function contactView(contact: ContactRecord, tagNames: Map<string, string>) {
  return {
    id: contact.id,
    organization_id: contact.organization_id,
    whatsapp_id: contact.whatsapp_id,
    whatsapp_name: contact.whatsapp_name ?? null,
    whatsapp_profile_pic: contact.whatsapp_profile_pic ?? null,
    name: contact.name ?? null,
    email: contact.email ?? null,
    phone_number: contact.phone_number ?? null,
    avatar_url: contact.avatar_url ?? null,
    company: contact.company ?? null,
    job_title: contact.job_title ?? null,
    notes: contact.notes ?? null,
    address_street: contact.address_street ?? null,
    address_city: contact.address_city ?? null,
    address_state: contact.address_state ?? null,
    address_country: contact.address_country ?? null,
    address_postal_code: contact.address_postal_code ?? null,
    attributes: contact.attributes ?? {},
    source: contact.source ?? null,
    lifecycle_stage: contact.lifecycle_stage ?? null,
    opt_in: contact.opt_in ?? true,
    opt_in_date: contact.opt_in_date ?? null,
    opt_out_date: contact.opt_out_date ?? null,
    is_blocked: contact.is_blocked ?? false,
    blocked_at: contact.blocked_at ?? null,
    blocked_reason: contact.blocked_reason ?? null,
    is_vip: contact.is_vip ?? false,
    last_message_at: contact.last_message_at ?? null,
    last_message_received_at: contact.last_message_received_at ?? null,
    last_message_sent_at: contact.last_message_sent_at ?? null,
    total_messages_sent: contact.total_messages_sent ?? 0,
    total_messages_received: contact.total_messages_received ?? 0,
    total_conversations: contact.total_conversations ?? 0,
    assigned_agent_id: contact.assigned_agent_id ?? null,
    assigned_department_id: contact.assigned_department_id ?? null,
    // A deleted tag leaves its id behind on contacts until they are next tagged: it is not named.
    tags: (contact.tags ?? []).flatMap((id) => tagNames.get(id) ?? []),
    created_at: contact.created_at,
    updated_at: contact.updated_at,
  };
}
export type ContactView = ReturnType<typeof contactView>;

/** Contacts as answered: with their tags named (one read of the organization's tags). */
export async function contactViews(orgId: string, contacts: ContactRecord[]): Promise<ContactView[]> {
  const names = contacts.some((contact) => contact.tags?.length) ? await tagNamesById(orgId) : new Map<string, string>();
  return contacts.map((contact) => contactView(contact, names));
}

export const contactNotFound = () => objectNotFound('Contact');

/** A contact is assigned only to a user of its own organization. */
export async function checkAssignee(orgId: string, userId: string | null | undefined): Promise<void> {
  if (!userId || (await findUser(orgId, userId))) return;
  throw invalid([{ field: 'assigned_agent_id', location: 'body', reason: 'invalid', message: 'Value error, no such user in this organization' }]);
}

export async function getContact(orgId: string, contactId: string, options: { consistent?: boolean } = {}): Promise<ContactRecord> {
  const contact = await table.get<ContactRecord>(contactKey(orgId, contactId), options);
  if (!contact || contact.deleted_at) throw contactNotFound();
  return contact;
}

/** The fields a request may set on a contact (ContactCreate/ContactUpdate, and custom fields). */
export type ContactFields = Partial<
  Pick<
    ContactRecord,
    | 'name'
    | 'email'
    | 'phone_number'
    | 'avatar_url'
    | 'company'
    | 'job_title'
    | 'notes'
    | 'address_street'
    | 'address_city'
    | 'address_state'
    | 'address_country'
    | 'address_postal_code'
    | 'attributes'
    | 'source'
    | 'lifecycle_stage'
    | 'opt_in'
    | 'is_blocked'
    | 'blocked_reason'
    | 'is_vip'
    | 'assigned_agent_id'
    | 'assigned_department_id'
  >
>;

export async function createContact(orgId: string, input: ContactFields & { whatsapp_id: string }, now = new Date().toISOString()): Promise<ContactRecord> {
  const id = randomUUID();
  const key = contactKey(orgId, id);
  const contact: ContactRecord & { gsi1pk: string; gsi1sk: string } = {
    whatsapp_name: null,
    name: null,
    email: null,
    phone_number: null,
    avatar_url: null,
    company: null,
    notes: null,
    attributes: {},
    source: 'manual',
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
    ...withoutUndefined(input),
    ...key,
    ...contactIndexKeys(orgId, now, id),
    id,
    organization_id: orgId,
    whatsapp_id: input.whatsapp_id,
    tags: [],
    created_at: now,
    updated_at: now,
    version: 1,
  };
  if (contact.is_blocked) contact.blocked_at = now;
  try {
    await transact([
      { Put: { Item: contact, ConditionExpression: 'attribute_not_exists(pk)' } },
      claimUnique({ key: contactByWhatsappKey(orgId, input.whatsapp_id), conflictCode: 'contact_exists' }, key),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'contact_exists')
      throw conflict('contact_exists', `Contact with WhatsApp ID ${input.whatsapp_id} already exists`);
    throw error;
  }
  return contact;
}

const withoutUndefined = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

const LIVE = 'attribute_exists(pk) AND attribute_not_exists(deleted_at)';

/**
 * Sets the given fields (and `extra` update clauses) on a live contact in one conditional
 * UpdateItem, so concurrent counters written by inbound messages are never lost.
 */
export async function setContactFields(
  orgId: string,
  contactId: string,
  fields: Record<string, unknown>,
  extra: { remove?: string[] } = {},
): Promise<ContactRecord> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': new Date().toISOString(), ':one': 1 };
  const sets = ['updated_at = :now'];
  Object.entries(withoutUndefined(fields)).forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  const removes = (extra.remove ?? []).map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''} ADD version :one`;
  const updated = await table.update<ContactRecord>(contactKey(orgId, contactId), expression, {
    condition: LIVE,
    ...(Object.keys(names).length ? { names } : {}),
    values,
    returning: 'new',
    onConditionFailure: contactNotFound(),
  });
  return updated as ContactRecord;
}

/** An update as the original's PUT: opting out or in dates it, blocking dates it and unblocking clears the reason. */
export async function updateContact(orgId: string, contactId: string, input: ContactFields): Promise<ContactRecord> {
  const now = new Date().toISOString();
  const fields: Record<string, unknown> = { ...input };
  if (input.opt_in === false) fields.opt_out_date = now;
  if (input.opt_in === true) fields.opt_in_date = now;
  if (input.is_blocked === true) fields.blocked_at = now;
  if (input.is_blocked === false) {
    fields.blocked_at = null;
    fields.blocked_reason = null;
  }
  return setContactFields(orgId, contactId, fields);
}

export async function deleteContact(orgId: string, contactId: string): Promise<void> {
  const contact = await getContact(orgId, contactId, { consistent: true });
  const key = contactKey(orgId, contactId);
  await transact([
    {
      Update: {
        Key: key,
        UpdateExpression: 'SET deleted_at = :now, updated_at = :now REMOVE gsi1pk, gsi1sk ADD version :one',
        ConditionExpression: LIVE,
        ExpressionAttributeValues: { ':now': new Date().toISOString(), ':one': 1 },
      },
      conflictCode: 'contact_gone',
    },
    releaseUnique(contactByWhatsappKey(orgId, contact.whatsapp_id), key),
  ]).catch((error) => {
    if (error instanceof AppError && error.kind === 'conflict') throw contactNotFound();
    throw error;
  });
}

export interface ContactFilter {
  skip: number;
  limit: number;
  query?: string;
  assigned_agent_id?: string;
  is_blocked?: boolean;
  is_vip?: boolean;
  opt_in?: boolean;
  tag_id?: string;
}

const PAGE_SIZE = 200;

function matches(contact: ContactRecord, filter: ContactFilter): boolean {
  if (contact.deleted_at) return false;
  if (filter.is_blocked !== undefined && (contact.is_blocked ?? false) !== filter.is_blocked) return false;
  if (filter.is_vip !== undefined && (contact.is_vip ?? false) !== filter.is_vip) return false;
  if (filter.opt_in !== undefined && (contact.opt_in ?? true) !== filter.opt_in) return false;
  if (filter.assigned_agent_id !== undefined && contact.assigned_agent_id !== filter.assigned_agent_id) return false;
  if (filter.tag_id !== undefined && !(contact.tags ?? []).includes(filter.tag_id)) return false;
  if (filter.query) {
    const needle = filter.query.toLowerCase();
    const haystack = [contact.name, contact.email, contact.whatsapp_id, contact.company, contact.whatsapp_name];
    if (!haystack.some((field) => field?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

/** Every live contact of the organization, newest first, page by page (for stats and the like). */
export async function* allContacts(orgId: string): AsyncGenerator<ContactRecord[]> {
  let startKey: Record<string, unknown> | undefined;
  const partition = contactIndexKeys(orgId, '', '').gsi1pk;
  do {
    const page = await table.query<ContactRecord>({
      ...keyQuery({ index: 'gsi1', pk: partition }),
      ScanIndexForward: false,
      Limit: PAGE_SIZE,
      ExclusiveStartKey: startKey,
    });
    yield page.items.filter((contact) => !contact.deleted_at);
    startKey = page.lastKey;
  } while (startKey);
}

/** The page `skip`…`skip + limit` of the matching contacts, newest first. */
export async function listContacts(orgId: string, filter: ContactFilter): Promise<ContactRecord[]> {
  const wanted = filter.skip + filter.limit;
  const found: ContactRecord[] = [];
  for await (const page of allContacts(orgId)) {
    found.push(...page.filter((contact) => matches(contact, filter)));
    if (found.length >= wanted) break;
  }
  return found.slice(filter.skip, wanted);
}

/** The organization's contact counts, as the original's `/contacts/stats`. */
export async function organizationStats(orgId: string, now = new Date()) {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const stats = { total_contacts: 0, active_contacts: 0, blocked_contacts: 0, vip_contacts: 0, opted_out_contacts: 0, new_this_week: 0, new_this_month: 0 };
  for await (const page of allContacts(orgId)) {
    for (const contact of page) {
      stats.total_contacts++;
      if (contact.is_blocked) stats.blocked_contacts++;
      if (contact.is_vip) stats.vip_contacts++;
      if (contact.opt_in === false) stats.opted_out_contacts++;
      if (!contact.is_blocked && contact.opt_in !== false) stats.active_contacts++;
      if (contact.created_at >= weekAgo) stats.new_this_week++;
      if (contact.created_at >= monthAgo) stats.new_this_month++;
    }
  }
  return stats;
}

/** One contact's activity, from the counters inbound and outbound messages keep on it. */
export const contactStats = (contact: ContactRecord) => ({
  total_conversations: contact.total_conversations ?? 0,
  total_messages_sent: contact.total_messages_sent ?? 0,
  total_messages_received: contact.total_messages_received ?? 0,
  avg_response_time_seconds: contact.average_response_time_seconds ?? null,
  last_interaction: contact.last_message_at ?? null,
});

const MAX_ATTEMPTS = 3;

/** Applies `change` to the contact's tag ids, if nothing else wrote the contact since it was read (read again and retried otherwise). */
export async function changeContactTags(orgId: string, contactId: string, change: (current: string[]) => string[]): Promise<ContactRecord> {
  for (let attempt = 1; ; attempt++) {
    const contact = await getContact(orgId, contactId, { consistent: true });
    const tags = [...new Set(change(contact.tags ?? []))];
    const updated = await table.update<ContactRecord>(contactKey(orgId, contactId), 'SET tags = :tags, updated_at = :now ADD version :one', {
      condition: `${LIVE} AND version = :version`,
      values: { ':tags': tags, ':now': new Date().toISOString(), ':one': 1, ':version': contact.version },
      returning: 'new',
    });
    if (updated) return updated;
    if (attempt === MAX_ATTEMPTS) throw conflict('contact_changed', 'The contact changed meanwhile; try again');
  }
}
