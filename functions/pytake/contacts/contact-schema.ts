/** Contacts and tags as the API shows them, and what requests may set: one declaration for routes and documents. */
import * as z from 'zod/mini';
import { optionalText, uuid } from '../params.ts';

const nullableString = z.nullable(z.string());

export const contactResponse = z.object({
  id: z.string(),
  organization_id: z.string(),
  whatsapp_id: z.string(),
  whatsapp_name: nullableString,
  whatsapp_profile_pic: nullableString,
  name: nullableString,
  email: nullableString,
  phone_number: nullableString,
  avatar_url: nullableString,
  company: nullableString,
  job_title: nullableString,
  notes: nullableString,
  address_street: nullableString,
  address_city: nullableString,
  address_state: nullableString,
  address_country: nullableString,
  address_postal_code: nullableString,
  attributes: z.record(z.string(), z.unknown()),
  source: nullableString,
  lifecycle_stage: nullableString,
  opt_in: z.boolean(),
  opt_in_date: nullableString,
  opt_out_date: nullableString,
  is_blocked: z.boolean(),
  blocked_at: nullableString,
  blocked_reason: nullableString,
  is_vip: z.boolean(),
  last_message_at: nullableString,
  last_message_received_at: nullableString,
  last_message_sent_at: nullableString,
  total_messages_sent: z.number(),
  total_messages_received: z.number(),
  total_conversations: z.number(),
  assigned_agent_id: nullableString,
  assigned_department_id: nullableString,
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

export const tagResponse = z.object({ id: z.string(), organization_id: z.string(), name: z.string(), color: z.string(), created_at: z.string() });

/** Custom fields: up to 50, each a short name and a scalar value. */
const attributes = z.optional(
  z
    .record(
      z.string().check(z.minLength(1), z.maxLength(64, 'String should have at most 64 characters')),
      z.union([z.string().check(z.maxLength(1000, 'String should have at most 1000 characters')), z.number(), z.boolean(), z.null()]),
    )
    .check(z.refine((value) => Object.keys(value).length <= 50, 'Value error, at most 50 custom fields')),
);

const optionalUuid = z.optional(z.nullable(uuid()));

const contactBase = {
  name: optionalText({ max: 255 }),
  email: optionalText({ max: 255 }),
  phone_number: optionalText({ max: 20 }),
  avatar_url: optionalText({ max: 2048 }),
  company: optionalText({ max: 255 }),
  job_title: optionalText({ max: 255 }),
  notes: optionalText({ max: 10_000 }),
  address_street: optionalText({ max: 255 }),
  address_city: optionalText({ max: 100 }),
  address_state: optionalText({ max: 100 }),
  address_country: optionalText({ max: 100 }),
  address_postal_code: optionalText({ max: 20 }),
  attributes,
};

/** The original's rule: a WhatsApp id is its digits, at least 10 of them. */
export const whatsappIdField = z.string().check(
  z.maxLength(40, 'String should have at most 40 characters'),
  z.overwrite((value) => value.replace(/\D/g, '')),
  z.minLength(10, 'Value error, WhatsApp ID must have at least 10 digits'),
  z.maxLength(20, 'Value error, WhatsApp ID must have at most 20 digits'),
);

export const createContactBody = z.object({
  ...contactBase,
  whatsapp_id: whatsappIdField,
  source: optionalText({ max: 100 }),
  lifecycle_stage: optionalText({ max: 50 }),
  is_vip: z.optional(z.boolean()),
  assigned_agent_id: optionalUuid,
  assigned_department_id: optionalUuid,
});

export const updateContactBody = z.object({
  ...contactBase,
  lifecycle_stage: optionalText({ max: 50 }),
  opt_in: z.optional(z.boolean()),
  is_blocked: z.optional(z.boolean()),
  blocked_reason: optionalText({ max: 1000 }),
  is_vip: z.optional(z.boolean()),
  assigned_agent_id: optionalUuid,
  assigned_department_id: optionalUuid,
});

const tagName = z
  .string()
  .check(z.trim(), z.minLength(1, 'String should have at least 1 character'), z.maxLength(50, 'String should have at most 50 characters'));
const tagColor = z.optional(z.nullable(z.string().check(z.regex(/^#[0-9A-Fa-f]{6}$/, "String should match pattern '^#[0-9A-Fa-f]{6}$'"))));

export const createTagBody = z.object({ name: tagName, color: tagColor });
export const updateTagBody = z.object({ name: z.optional(tagName), color: tagColor });

/** Tag names (PUT replaces the contact's tags, creating missing ones). */
export const tagNamesBody = z.array(tagName).check(z.maxLength(50, 'List should have at most 50 items'));
/** Tag ids (POST adds, DELETE removes). */
export const tagIdsBody = z.array(uuid()).check(z.minLength(1, 'List should have at least 1 item'), z.maxLength(50, 'List should have at most 50 items'));
