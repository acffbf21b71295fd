/** A message template as the API shows it (the original's TemplateResponse), and what creating one takes. */
import * as z from 'zod/mini';

const nullableString = z.nullable(z.string());

export const templateResponse = z.object({
  id: z.string(),
  organization_id: z.string(),
  whatsapp_number_id: z.string(),
  meta_template_id: nullableString,
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  rejected_reason: nullableString,
  header_type: nullableString,
  header_text: nullableString,
  header_variables_count: z.number(),
  body_text: z.string(),
  body_variables_count: z.number(),
  footer_text: nullableString,
  buttons: z.array(z.record(z.string(), z.unknown())),
  sent_count: z.number(),
  delivered_count: z.number(),
  read_count: z.number(),
  failed_count: z.number(),
  is_system_template: z.boolean(),
  is_enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  approved_at: nullableString,
  rejected_at: nullableString,
});
export type TemplateView = z.infer<typeof templateResponse>;

export const templateSyncResponse = z.object({
  synced: z.number(),
  created: z.number(),
  updated: z.number(),
  deleted: z.number(),
  errors: z.array(z.string()),
});

const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;

const button = z.object({
  type: z.enum(['QUICK_REPLY', 'PHONE_NUMBER', 'URL']),
  text: z.string().check(z.minLength(1), z.maxLength(25, 'String should have at most 25 characters')),
  phone_number: z.optional(z.string().check(z.maxLength(20))),
  url: z.optional(z.string().check(z.maxLength(2000))),
});

const component = z.object({
  type: z.enum(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']),
  format: z.optional(z.enum(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'])),
  text: z.optional(z.string().check(z.maxLength(1024))),
  buttons: z.optional(z.array(button).check(z.maxLength(10))),
});

export const createTemplateBody = z.object({
  name: z
    .string()
    .check(
      z.minLength(1, 'String should have at least 1 character'),
      z.maxLength(512, 'String should have at most 512 characters'),
      z.regex(/^[a-z0-9_]+$/, 'Value error, Template name must contain only lowercase letters, numbers, and underscores'),
    ),
  language: z._default(z.string().check(z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'Value error, language must be a code such as pt_BR or en_US')), 'pt_BR'),
  category: z.enum(CATEGORIES, { error: `Value error, category must be one of ${CATEGORIES.join(', ')}` }),
  components: z.array(component).check(
    z.maxLength(4),
    z.refine((components) => components.some((c) => c.type === 'BODY' && c.text), 'Value error, a template needs a BODY component with text'),
  ),
});
export type CreateTemplateInput = z.infer<typeof createTemplateBody>;
