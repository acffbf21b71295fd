/**
 * WhatsApp numbers: an organization's Cloud API numbers, with their credentials
 * sealed at rest (secrets-at-rest.ts), and the two lookups the Meta webhook
 * makes without an organization:
 *   - by Meta's `phone_number_id` (unique across organizations): a sentinel item
 *     written in the same transaction as the number, holding its owner and the
 *     sealed app secret, so a webhook finds the number and its secret in one read;
 *   - by verify token (the GET handshake): one small item per number under the
 *     token's hash, so "is this token configured" is one Query, never a Scan.
 * Every change to a number and its lookups is one transaction: none exists
 * without the others.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/errors';
import * as table from '#shared/db/table';
import { keyQuery } from '#shared/db/keys';
import { type TransactItem, transact } from '#shared/db/transactions';
import { alreadyExists, objectNotFound } from '../errors.ts';
import { type ItemKey, phoneNumberIdKey, verifyTokenKey, verifyTokenPartition, WANUMBER_PREFIX, whatsappNumberKey, orgPartition } from '../keys.ts';
import type { CreateNumberInput, NumberView, UpdateNumberInput } from './number-schema.ts';
import { openSecret, sealSecret } from './secrets-at-rest.ts';

export interface NumberRecord extends ItemKey {
  id: string;
  organization_id: string;
  phone_number: string;
  display_name: string | null;
  connection_type: 'official';
  whatsapp_business_account_id: string;
  phone_number_id: string;
  /** Sealed (secrets-at-rest.ts); never answered, never logged. */
  access_token_sealed: string;
  app_secret_sealed: string;
  /** The partition of the number's verify-token lookup item (the token's hash): the token itself is not stored. */
  verify_token_pk: string;
  verified: boolean;
  quality_rating: string | null;
  messaging_limit: string | null;
  status: string;
  connected_at: string | null;
  last_seen_at: string | null;
  is_active: boolean;
  auto_reply_enabled: boolean;
  away_message: string | null;
  business_hours: Record<string, unknown> | null;
  default_department_id: string | null;
  default_chatbot_id: string | null;
  webhook_url: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The phone_number_id sentinel: whose number it is, and its sealed app secret. */
interface PhoneNumberIdRecord extends ItemKey {
  owner: ItemKey;
  organization_id: string;
  whatsapp_number_id: string;
  app_secret_sealed: string;
}

type SecretField = 'access_token' | 'app_secret';
const contextOf = (orgId: string, numberId: string, field: SecretField) => ({ organization_id: orgId, whatsapp_number_id: numberId, field });

const notFound = () => objectNotFound('WhatsApp number');
const phoneNumberIdTaken = () => alreadyExists('phone_number_already_registered', 'Phone number already registered');

export function numberView(record: NumberRecord): NumberView {
  return {
    id: record.id,
    organization_id: record.organization_id,
    phone_number: record.phone_number,
    display_name: record.display_name,
    connection_type: record.connection_type,
    whatsapp_business_account_id: record.whatsapp_business_account_id,
    phone_number_id: record.phone_number_id,
    has_access_token: Boolean(record.access_token_sealed),
    has_app_secret: Boolean(record.app_secret_sealed),
    has_webhook_verify_token: Boolean(record.verify_token_pk),
    verified: record.verified,
    quality_rating: record.quality_rating,
    messaging_limit: record.messaging_limit,
    status: record.status,
    connected_at: record.connected_at,
    last_seen_at: record.last_seen_at,
    is_active: record.is_active,
    auto_reply_enabled: record.auto_reply_enabled,
    away_message: record.away_message,
    business_hours: record.business_hours,
    default_department_id: record.default_department_id,
    default_chatbot_id: record.default_chatbot_id,
    webhook_url: record.webhook_url,
    available_node_types: [],
    node_metadata: {},
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

const isAbsent = { ConditionExpression: 'attribute_not_exists(pk)' };

function verifyLookup(token: string, record: Pick<NumberRecord, 'id' | 'organization_id'>): TransactItem {
  return { Put: { Item: { ...verifyTokenKey(token, record.id), organization_id: record.organization_id, whatsapp_number_id: record.id } } };
}

/** A transaction's conflict in the numbers' terms. */
async function writing(items: TransactItem[]): Promise<void> {
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof AppError && error.code === 'phone_number_id_taken') throw phoneNumberIdTaken();
    if (error instanceof AppError && error.code === 'number_changed') throw notFound();
    throw error;
  }
}

export async function createNumber(orgId: string, input: CreateNumberInput): Promise<NumberRecord> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const [accessToken, appSecret] = await Promise.all([
    sealSecret(input.access_token, contextOf(orgId, id, 'access_token')),
    sealSecret(input.app_secret, contextOf(orgId, id, 'app_secret')),
  ]);
  const record: NumberRecord = {
    ...whatsappNumberKey(orgId, id),
    id,
    organization_id: orgId,
    phone_number: input.phone_number,
    display_name: input.display_name ?? null,
    connection_type: 'official',
    whatsapp_business_account_id: input.whatsapp_business_account_id,
    phone_number_id: input.phone_number_id,
    access_token_sealed: accessToken,
    app_secret_sealed: appSecret,
    verify_token_pk: verifyTokenPartition(input.webhook_verify_token),
    verified: false,
    quality_rating: null,
    messaging_limit: null,
    status: 'disconnected',
    connected_at: null,
    last_seen_at: null,
    is_active: true,
    auto_reply_enabled: false,
    away_message: null,
    business_hours: null,
    default_department_id: null,
    default_chatbot_id: null,
    webhook_url: input.webhook_url ?? null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const sentinel: PhoneNumberIdRecord = {
    ...phoneNumberIdKey(input.phone_number_id),
    owner: whatsappNumberKey(orgId, id),
    organization_id: orgId,
    whatsapp_number_id: id,
    app_secret_sealed: appSecret,
  };
  await writing([
    { Put: { Item: record, ...isAbsent } },
    { Put: { Item: sentinel, ...isAbsent }, conflictCode: 'phone_number_id_taken' },
    verifyLookup(input.webhook_verify_token, record),
  ]);
  return record;
}

export async function listNumbers(orgId: string): Promise<NumberRecord[]> {
  const items: NumberRecord[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<NumberRecord>({ ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: WANUMBER_PREFIX } }), ExclusiveStartKey: lastKey });
    items.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey);
  return items.sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** The organization's number, or 404 (also for another organization's id). */
export async function getNumber(orgId: string, numberId: string): Promise<NumberRecord> {
  const record = await table.get<NumberRecord>(whatsappNumberKey(orgId, numberId), { consistent: true });
  if (!record) throw notFound();
  return record;
}

export async function updateNumber(orgId: string, numberId: string, input: UpdateNumberInput): Promise<NumberRecord> {
  const current = await getNumber(orgId, numberId);
  const now = new Date().toISOString();
  const next: NumberRecord = { ...current, updated_at: now, version: current.version + 1 };
  for (const field of [
    'display_name',
    'webhook_url',
    'is_active',
    'auto_reply_enabled',
    'away_message',
    'default_chatbot_id',
    'default_department_id',
  ] as const) {
    if (input[field] !== undefined) (next as unknown as Record<string, unknown>)[field] = input[field];
  }
  if (input.access_token !== undefined) next.access_token_sealed = await sealSecret(input.access_token, contextOf(orgId, numberId, 'access_token'));
  if (input.app_secret !== undefined) next.app_secret_sealed = await sealSecret(input.app_secret, contextOf(orgId, numberId, 'app_secret'));
  const items: TransactItem[] = [
    {
      Put: { Item: next, ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': current.version } },
      conflictCode: 'number_changed',
    },
  ];
  if (input.app_secret !== undefined) {
    items.push({
      Update: {
        Key: phoneNumberIdKey(current.phone_number_id),
        UpdateExpression: 'SET app_secret_sealed = :secret',
        ConditionExpression: 'whatsapp_number_id = :id',
        ExpressionAttributeValues: { ':secret': next.app_secret_sealed, ':id': numberId },
      },
      conflictCode: 'number_changed',
    });
  }
  if (input.webhook_verify_token !== undefined) {
    next.verify_token_pk = verifyTokenPartition(input.webhook_verify_token);
    if (next.verify_token_pk !== current.verify_token_pk) {
      items.push({ Delete: { Key: { pk: current.verify_token_pk, sk: whatsappNumberKey(orgId, numberId).sk } } });
      items.push(verifyLookup(input.webhook_verify_token, current));
    }
  }
  await writing(items);
  return next;
}

export async function deleteNumber(orgId: string, numberId: string): Promise<void> {
  const current = await getNumber(orgId, numberId);
  const owner = whatsappNumberKey(orgId, numberId);
  await writing([
    {
      Delete: { Key: owner, ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': current.version } },
      conflictCode: 'number_changed',
    },
    {
      Delete: {
        Key: phoneNumberIdKey(current.phone_number_id),
        ConditionExpression: 'whatsapp_number_id = :id',
        ExpressionAttributeValues: { ':id': numberId },
      },
      conflictCode: 'number_changed',
    },
    { Delete: { Key: { pk: current.verify_token_pk, sk: owner.sk } } },
  ]);
}

/** What the webhook needs of a number, found by Meta's phone_number_id. */
export interface WebhookNumber {
  organizationId: string;
  numberId: string;
  appSecret: string;
}

export async function numberForWebhook(phoneNumberId: string): Promise<WebhookNumber | undefined> {
  const sentinel = await table.get<PhoneNumberIdRecord>(phoneNumberIdKey(phoneNumberId));
  if (!sentinel) return undefined;
  const appSecret = await openSecret(sentinel.app_secret_sealed, contextOf(sentinel.organization_id, sentinel.whatsapp_number_id, 'app_secret'));
  return { organizationId: sentinel.organization_id, numberId: sentinel.whatsapp_number_id, appSecret };
}

/** Whether any number is configured with this verify token (the GET handshake). */
export async function verifyTokenConfigured(token: string): Promise<boolean> {
  const { items } = await table.query({ ...keyQuery({ pk: verifyTokenPartition(token) }), Limit: 1 });
  return items.length > 0;
}

/** A number's Graph API credentials, opened (template sync, and later sending). */
export async function credentialsOf(record: NumberRecord): Promise<{ accessToken: string; appSecret: string }> {
  const [accessToken, appSecret] = await Promise.all([
    openSecret(record.access_token_sealed, contextOf(record.organization_id, record.id, 'access_token')),
    openSecret(record.app_secret_sealed, contextOf(record.organization_id, record.id, 'app_secret')),
  ]);
  return { accessToken, appSecret };
}
