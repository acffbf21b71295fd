/**
 * A WhatsApp number as the API shows it (the original's `WhatsAppNumber`
 * without its credentials: the access token, the app secret and the verify
 * token are write-only, `has_*` says whether each is set), and the fields a
 * request may set. Only Meta's Cloud API (`connection_type: "official"`) is
 * served; the original's QR-code connection through Evolution API is not ported.
 */
import * as z from 'zod/mini';
import { uuid } from '../params.ts';

const nullableString = z.nullable(z.string());

export const numberResponse = z.object({
  id: z.string(),
  organization_id: z.string(),
  phone_number: z.string(),
  display_name: nullableString,
  connection_type: z.literal('official'),
  whatsapp_business_account_id: z.string(),
  phone_number_id: z.string(),
  has_access_token: z.boolean(),
  has_app_secret: z.boolean(),
  has_webhook_verify_token: z.boolean(),
  verified: z.boolean(),
  quality_rating: nullableString,
  messaging_limit: nullableString,
  status: z.string(),
  connected_at: nullableString,
  last_seen_at: nullableString,
  is_active: z.boolean(),
  auto_reply_enabled: z.boolean(),
  away_message: nullableString,
  business_hours: z.nullable(z.record(z.string(), z.unknown())),
  default_department_id: nullableString,
  default_chatbot_id: nullableString,
  webhook_url: nullableString,
  available_node_types: z.array(z.string()),
  node_metadata: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type NumberView = z.infer<typeof numberResponse>;

const bounded = (min: number, max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(min, `String should have at least ${min} characters`), z.maxLength(max, `String should have at most ${max} characters`));

/** Meta's ids are decimal strings. */
const metaId = z.string().check(z.trim(), z.regex(/^\d{1,64}$/, "String should match pattern '^\\d{1,64}$'"));
const secretField = bounded(1, 2048);

export const createNumberBody = z.object({
  phone_number: bounded(10, 20),
  display_name: z.optional(z.nullable(bounded(0, 255))),
  connection_type: z._default(z.enum(['official'], { error: "Input should be 'official'" }), 'official'),
  phone_number_id: metaId,
  whatsapp_business_account_id: metaId,
  access_token: secretField,
  app_secret: secretField,
  webhook_verify_token: bounded(1, 255),
  webhook_url: z.optional(z.nullable(bounded(0, 2048))),
});
export type CreateNumberInput = z.infer<typeof createNumberBody>;

export const updateNumberBody = z.object({
  display_name: z.optional(z.nullable(bounded(0, 255))),
  webhook_url: z.optional(z.nullable(bounded(0, 2048))),
  access_token: z.optional(secretField),
  app_secret: z.optional(secretField),
  webhook_verify_token: z.optional(bounded(1, 255)),
  is_active: z.optional(z.boolean()),
  auto_reply_enabled: z.optional(z.boolean()),
  away_message: z.optional(z.nullable(bounded(0, 4096))),
  default_chatbot_id: z.optional(z.nullable(uuid())),
  default_department_id: z.optional(z.nullable(uuid())),
});
export type UpdateNumberInput = z.infer<typeof updateNumberBody>;
