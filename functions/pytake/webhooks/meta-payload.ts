/**
 * The shapes of Meta's WhatsApp webhook (`object: "whatsapp_business_account"`):
 * `entry[].changes[].value` holds `metadata.phone_number_id` (which number it is
 * for), `contacts[]` (`wa_id`, `profile.name`), `messages[]` and `statuses[]`.
 * Parsing is lenient on purpose: Meta adds fields and message types over time,
 * so unknown members pass through, and a change or an item that lacks what we
 * need is skipped rather than failing its neighbours.
 */
import * as z from 'zod/mini';

const text = z.string();
const phoneNumberIdOf = (change: unknown): string | undefined => {
  const id = (change as { value?: { metadata?: { phone_number_id?: unknown } } } | null)?.value?.metadata?.phone_number_id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
};

/** One change of a verified body, as the webhook queue carries it. */
export interface MetaChange {
  phoneNumberId: string;
  value: Record<string, unknown>;
}

/** Every change of a parsed body that names a number, in order; anything else is left out. */
export function changesOf(body: unknown): MetaChange[] {
  const entries = (body as { entry?: unknown } | null)?.entry;
  if (!Array.isArray(entries)) return [];
  const out: MetaChange[] = [];
  for (const entry of entries) {
    const changes = (entry as { changes?: unknown } | null)?.changes;
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const phoneNumberId = phoneNumberIdOf(change);
      if (phoneNumberId) out.push({ phoneNumberId, value: (change as { value: Record<string, unknown> }).value });
    }
  }
  return out;
}

export const metaContact = z.looseObject({
  wa_id: text,
  profile: z.optional(z.looseObject({ name: z.optional(text) })),
});

/** A message as Meta sends it; its type-named member (`text`, `interactive`, `image`, ...) is read by inbound-messages.ts. */
export const metaMessage = z.looseObject({
  id: text.check(z.minLength(1), z.maxLength(256)),
  from: text.check(z.minLength(1), z.maxLength(32)),
  timestamp: z.optional(text),
  type: text.check(z.minLength(1), z.maxLength(64)),
});
export type MetaMessage = z.infer<typeof metaMessage> & Record<string, unknown>;

export const metaStatus = z.looseObject({
  id: text.check(z.minLength(1), z.maxLength(256)),
  status: text,
  timestamp: z.optional(text),
  recipient_id: z.optional(text),
  errors: z.optional(z.array(z.looseObject({ code: z.optional(z.union([z.number(), text])), title: z.optional(text), message: z.optional(text) }))),
});
export type MetaStatus = z.infer<typeof metaStatus>;

/** The items of one change's value that parse; the rest are counted as skipped. */
export function itemsOf(value: Record<string, unknown>) {
  const parsed = <T>(schema: z.core.$ZodType<T>, items: unknown) => {
    const list = Array.isArray(items) ? items : [];
    const ok: T[] = [];
    for (const item of list) {
      const result = z.safeParse(schema, item);
      if (result.success) ok.push(result.data);
    }
    return { ok, skipped: list.length - ok.length };
  };
  const contacts = parsed(metaContact, value.contacts);
  const messages = parsed(metaMessage, value.messages);
  const statuses = parsed(metaStatus, value.statuses);
  return {
    contacts: contacts.ok,
    messages: messages.ok as MetaMessage[],
    statuses: statuses.ok,
    skipped: contacts.skipped + messages.skipped + statuses.skipped,
  };
}
