/**
 * Meta's WhatsApp webhook bodies and their signature, as Meta sends them: for
 * the Graph stand-in's status callbacks, the `npm run pytake:inbound` script and
 * the tests. Bodies are serialised as Meta does (`/` as `\/`, non-ASCII as
 * `\uXXXX`), so whatever verifies them must use the raw bytes.
 */
import { createHmac, randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

export interface WebhookNumber {
  phoneNumberId: string;
  /** The business account (the entry's id). */
  wabaId?: string;
  displayPhoneNumber?: string;
}

/** One change's `value` wrapped in Meta's envelope. */
export function webhookBody(number: WebhookNumber, value: Json): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId ?? '0',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: number.displayPhoneNumber ?? '15550000000', phone_number_id: number.phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A fresh WhatsApp message id, shaped like Meta's. */
export const newWamid = (): string => `wamid.${randomBytes(24).toString('base64url')}`;

/** An inbound message's `value`: the customer's profile and one message (`{type: 'text', text: {body}}` by default). */
export function inboundValue(input: { from: string; name?: string; wamid?: string; timestamp?: number; message?: Json }): Json {
  return {
    contacts: [{ profile: { name: input.name ?? 'Cliente' }, wa_id: input.from }],
    messages: [
      {
        from: input.from,
        id: input.wamid ?? newWamid(),
        timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
        ...(input.message ?? { type: 'text', text: { body: 'Olá' } }),
      },
    ],
  };
}

/** A status callback's `value`. */
export function statusValue(input: { wamid: string; status: string; recipient: string; timestamp?: number; errors?: Json[] }): Json {
  return {
    statuses: [
      {
        id: input.wamid,
        status: input.status,
        timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
        recipient_id: input.recipient,
        ...(input.errors ? { errors: input.errors } : {}),
      },
    ],
  };
}

/** JSON as Meta writes it: `/` escaped, every non-ASCII UTF-16 unit as `\uXXXX`. */
export function metaJson(body: unknown): string {
  return JSON.stringify(body)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const metaSignature = (appSecret: string, raw: string | Uint8Array): string => `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;

/** Posts a body to the service's Meta webhook, signed with `appSecret` (unsigned when it is undefined). */
export async function postWebhook(url: string, body: unknown, appSecret: string | undefined): Promise<{ status: number; text: string }> {
  const raw = metaJson(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(appSecret === undefined ? {} : { 'x-hub-signature-256': metaSignature(appSecret, raw) }) },
    body: raw,
  });
  return { status: response.status, text: await response.text() };
}
