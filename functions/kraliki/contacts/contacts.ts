/**
 * Contacts: the people a campaign calls, in the organization's partition,
 * each in one campaign of the organization. A phone number (E.164) is one
 * contact's within a campaign: a sentinel per campaign and number, written in
 * the same transaction as the contact and the campaign's `contacts_count`, so
 * neither the uniqueness nor the count can drift, whatever runs at once.
 */
import { randomUUID } from 'node:crypto';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { type TransactItem, transact } from '#shared/db/transactions';
import { AppError, conflict } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import type { Caller } from '../auth/roles.ts';
import { getCampaign } from '../campaigns/campaigns.ts';
import { notFoundError } from '../errors.ts';
import { CAMPAIGN_CONTACTS_INDEX, CONTACT_PREFIX, campaignContactsPartition, campaignKey, contactKey, contactPhoneKey, orgPartition } from '../keys.ts';
import { toE164 } from '../settings/phone-numbers.ts';

export const CONTACT_STATUSES = ['PENDING', 'DIALING', 'CONNECTED', 'COMPLETED', 'FAILED', 'DO_NOT_CALL'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export type ContactRecord = {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  id: string;
  campaign_id: string;
  phone_number: string;
  name: string | null;
  email: string | null;
  status: ContactStatus;
  attempts: number;
  last_attempt: string | null;
  next_attempt: string | null;
  outcome: string | null;
  notes: string | null;
  extra_metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
};

/** The dialer's bookkeeping (campaigns/dialer.ts: the claim of a queued dial, the current attempt's call) stays inside. */
export const contactView = ({
  pk: _pk,
  sk: _sk,
  gsi1pk: _gpk,
  gsi1sk: _gsk,
  dial_claimed_at: _claim,
  dial_call_id: _call,
  ...contact
}: ContactRecord & { dial_claimed_at?: string; dial_call_id?: string }) => contact;

export interface NewContact {
  phone_number: string;
  name?: string | null;
  email?: string | null;
  notes?: string | null;
  extra_metadata?: Record<string, unknown> | null;
}

/** A new contact's item (PENDING, no attempts yet); `phone_number` must already be E.164. */
export function contactRecord(orgId: string, campaignId: string, id: string, fields: NewContact, at: string): ContactRecord {
  return {
    ...contactKey(orgId, id),
    gsi1pk: campaignContactsPartition(orgId, campaignId),
    gsi1sk: `${at}#${id}`,
    id,
    campaign_id: campaignId,
    phone_number: fields.phone_number,
    name: fields.name ?? null,
    email: fields.email ?? null,
    status: 'PENDING',
    attempts: 0,
    last_attempt: null,
    next_attempt: null,
    outcome: null,
    notes: fields.notes ?? null,
    extra_metadata: fields.extra_metadata ?? null,
    created_at: at,
    updated_at: at,
  };
}

/** The writes that add contacts to a campaign: the count, checked to exist (`campaign_not_found`). */
export const countContacts = (orgId: string, campaignId: string, delta: number): TransactItem => ({
  Update: {
    Key: campaignKey(orgId, campaignId),
    UpdateExpression: 'ADD contacts_count :delta',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':delta': delta },
  },
  conflictCode: 'campaign_not_found',
});

/** The contact and the sentinel of its number (`contact_exists`, `contact_phone_exists` when taken). */
export const putContact = (orgId: string, contact: ContactRecord): TransactItem[] => [
  { Put: { Item: contact, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'contact_exists' },
  claimPhone(orgId, contact.campaign_id, contact.phone_number, contact.id),
];

/** The sentinel of a number in a campaign, naming its contact (`owner`). */
const claimPhone = (orgId: string, campaignId: string, e164: string, contactId: string): TransactItem => ({
  Put: { Item: { ...contactPhoneKey(orgId, campaignId, e164), owner: contactId }, ConditionExpression: 'attribute_not_exists(pk)' },
  conflictCode: 'contact_phone_exists',
});

/** Frees a number, only if this contact holds it. */
const releasePhone = (orgId: string, campaignId: string, e164: string, contactId: string): TransactItem => ({
  Delete: {
    Key: contactPhoneKey(orgId, campaignId, e164),
    ConditionExpression: '#owner = :owner',
    ExpressionAttributeNames: { '#owner': 'owner' },
    ExpressionAttributeValues: { ':owner': contactId },
  },
  conflictCode: 'contact_changed',
});

export const phoneTaken = () => conflict('contact_phone_exists', 'Phone number already exists in this campaign');

const failures: Record<string, () => Error> = {
  campaign_not_found: () => notFoundError('Campaign'),
  contact_phone_exists: phoneTaken,
  contact_not_found: () => notFoundError('Contact'),
  contact_changed: () => conflict('contact_changed', 'The contact changed meanwhile; try again'),
};

async function transactAs(items: TransactItem[]): Promise<void> {
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof AppError && failures[error.code]) throw failures[error.code]();
    throw error;
  }
}

/** The number in E.164; routes validate it first, so a failure here is a bug's, answered 422 all the same. */
export function normalizedPhone(input: string): string {
  const e164 = toE164(input);
  if (!e164) throw new AppError('invalid', 'invalid_phone_number', 'Invalid phone number');
  return e164;
}

export async function createContact(caller: Caller, fields: NewContact & { campaign_id: string }, now = new Date()) {
  const orgId = caller.organizationId;
  const contact = contactRecord(orgId, fields.campaign_id, randomUUID(), { ...fields, phone_number: normalizedPhone(fields.phone_number) }, now.toISOString());
  await transactAs([countContacts(orgId, fields.campaign_id, 1), ...putContact(orgId, contact)]);
  logger.info('contact created', { organizationId: orgId, campaignId: fields.campaign_id, contactId: contact.id });
  return contactView(contact);
}

export async function getContact(orgId: string, contactId: string): Promise<ContactRecord> {
  const contact = await table.get<ContactRecord>(contactKey(orgId, contactId), { consistent: true });
  if (!contact) throw notFoundError('Contact');
  return contact;
}

/**
 * A page of the organization's contacts (or one campaign's), newest first, optionally of one
 * status, and how many there are. A whole campaign's page reads only its first `skip + limit`
 * contacts and takes the total from the campaign's count; filtered lists read every candidate.
 */
export async function listContacts(
  orgId: string,
  filter: { campaign_id?: string; status?: ContactStatus },
  skip: number,
  limit: number,
): Promise<{ contacts: ContactRecord[]; total: number }> {
  if (filter.campaign_id) {
    const campaign = await getCampaign(orgId, filter.campaign_id);
    const byCampaign = { ...keyQuery({ index: CAMPAIGN_CONTACTS_INDEX, pk: campaignContactsPartition(orgId, filter.campaign_id) }), ScanIndexForward: false };
    if (!filter.status) return { contacts: (await firstItems<ContactRecord>(byCampaign, skip + limit)).slice(skip), total: campaign.contacts_count ?? 0 };
    const all = (await queryAll<ContactRecord>(byCampaign)).filter((contact) => contact.status === filter.status);
    return { contacts: all.slice(skip, skip + limit), total: all.length };
  }
  const all = (await queryAll<ContactRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: CONTACT_PREFIX } })))
    .filter((contact) => !filter.status || contact.status === filter.status)
    .sort((a, b) => b.gsi1sk.localeCompare(a.gsi1sk));
  return { contacts: all.slice(skip, skip + limit), total: all.length };
}

/** The query's first `count` items, reading no further. */
async function firstItems<T>(params: table.Query, count: number): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<T>({ ...params, Limit: count - items.length, ExclusiveStartKey: startKey });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey && items.length < count);
  return items;
}

export interface ContactChanges {
  phone_number?: string;
  name?: string | null;
  email?: string | null;
  status?: ContactStatus;
  attempts?: number;
  last_attempt?: string | null;
  next_attempt?: string | null;
  outcome?: string | null;
  notes?: string | null;
  extra_metadata?: Record<string, unknown> | null;
}

/**
 * Changes the fields given. A new number moves the contact's sentinel in the same
 * transaction, on the condition that the number is still the one read.
 */
export async function updateContact(caller: Caller, contactId: string, changes: ContactChanges, now = new Date()) {
  const orgId = caller.organizationId;
  const current = await getContact(orgId, contactId);
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  if (changes.phone_number !== undefined) fields.phone_number = normalizedPhone(changes.phone_number);
  const moving = fields.phone_number !== undefined && fields.phone_number !== current.phone_number;
  const names: Record<string, string> = { '#updated_at': 'updated_at', '#phone': 'phone_number' };
  const values: Record<string, unknown> = { ':updated_at': now.toISOString(), ':current_phone': current.phone_number };
  const sets = ['#updated_at = :updated_at'];
  Object.entries(fields).forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  const key = contactKey(orgId, contactId);
  const update: TransactItem = {
    Update: {
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk) AND #phone = :current_phone',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    conflictCode: 'contact_changed',
  };
  const moves: TransactItem[] = moving
    ? [
        releasePhone(orgId, current.campaign_id, current.phone_number, contactId),
        claimPhone(orgId, current.campaign_id, fields.phone_number as string, contactId),
      ]
    : [];
  try {
    await transactAs([update, ...moves]);
  } catch (error) {
    // Changed or deleted since it was read: a concurrent change won; the caller retries against what is there now.
    if (error instanceof AppError && error.code === 'contact_changed') await getContact(orgId, contactId);
    throw error;
  }
  return contactView(await getContact(orgId, contactId));
}

/** Deletes the contact, the sentinel of its number and its place in the campaign's count. */
export async function deleteContact(caller: Caller, contactId: string): Promise<void> {
  const orgId = caller.organizationId;
  const contact = await getContact(orgId, contactId);
  const key = contactKey(orgId, contactId);
  await transactAs([
    {
      Delete: {
        Key: key,
        ConditionExpression: 'attribute_exists(pk) AND phone_number = :phone',
        ExpressionAttributeValues: { ':phone': contact.phone_number },
      },
      conflictCode: 'contact_not_found',
    },
    releasePhone(orgId, contact.campaign_id, contact.phone_number, contactId),
    countContacts(orgId, contact.campaign_id, -1),
  ]);
  logger.info('contact deleted', { organizationId: orgId, contactId });
}
