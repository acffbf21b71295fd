/**
 * What an inbound WhatsApp message stores: its `message_type` (Meta's type) and
 * its `content`, in the shape the inbox shows and the chatbot reads:
 *
 * | type                                   | content                                                      |
 * |----------------------------------------|--------------------------------------------------------------|
 * | text                                   | `{text}`                                                     |
 * | interactive (button_reply, list_reply) | `{interactive_type, id, title, description?}`                |
 * | button (template quick reply)          | `{text, payload}`                                            |
 * | image, audio, video, document, sticker | `{media_id, mime_type, sha256?, caption?, filename?, voice?}` |
 * | location                               | `{latitude, longitude, name?, address?, url?}`               |
 * | reaction                               | `{message_id, emoji}` (an empty emoji removes the reaction)   |
 * | contacts                               | `{contacts: [...]}` as Meta sent them                         |
 * | anything else                          | `{[type]: <Meta's object>}`, kept as received                 |
 *
 * Pure: no I/O.
 */
import type { MetaMessage } from '../webhooks/meta-payload.ts';

export type Content = Record<string, unknown>;

export interface InboundMessage {
  wamid: string;
  /** The customer's WhatsApp id (wa_id). */
  from: string;
  /** Meta's timestamp (epoch seconds); undefined when absent or not a number. */
  timestamp?: number;
  message_type: string;
  content: Content;
  /** The message this one replies to or quotes (`context.id`). */
  reply_to_wamid?: string;
}

const MEDIA_TYPES = new Set(['image', 'audio', 'video', 'document', 'sticker']);

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Leaves out undefined members, so stored content holds only what Meta sent. */
const defined = (content: Record<string, unknown>): Content => Object.fromEntries(Object.entries(content).filter(([, value]) => value !== undefined));

export function contentOf(message: MetaMessage): Content {
  const type = message.type;
  const body = obj(message[type]);
  if (type === 'text') return { text: str(body.body) ?? '' };
  if (type === 'interactive') {
    const kind = str(body.type);
    const reply = obj(kind ? body[kind] : undefined);
    return defined({ interactive_type: kind, id: str(reply.id), title: str(reply.title), description: str(reply.description) });
  }
  if (type === 'button') return defined({ text: str(body.text), payload: str(body.payload) });
  if (MEDIA_TYPES.has(type)) {
    return defined({
      media_id: str(body.id),
      mime_type: str(body.mime_type),
      sha256: str(body.sha256),
      caption: str(body.caption),
      filename: str(body.filename),
      voice: typeof body.voice === 'boolean' ? body.voice : undefined,
    });
  }
  if (type === 'location') {
    return defined({ latitude: num(body.latitude), longitude: num(body.longitude), name: str(body.name), address: str(body.address), url: str(body.url) });
  }
  if (type === 'reaction') return { message_id: str(body.message_id) ?? '', emoji: str(body.emoji) ?? '' };
  if (type === 'contacts') return { contacts: Array.isArray(message.contacts) ? message.contacts : [] };
  return { [type]: message[type] ?? null };
}

export function inboundMessageOf(message: MetaMessage): InboundMessage {
  const seconds = Number(message.timestamp);
  const replyTo = str(obj(message.context).id);
  return {
    wamid: message.id,
    from: message.from,
    ...(message.timestamp !== undefined && Number.isFinite(seconds) && seconds > 0 ? { timestamp: seconds } : {}),
    message_type: message.type,
    content: contentOf(message),
    ...(replyTo ? { reply_to_wamid: replyTo } : {}),
  };
}

/** The name WhatsApp shows for `waId` in this change (`contacts[].profile.name`). */
export function profileNameOf(contacts: { wa_id: string; profile?: { name?: string } }[], waId: string): string | undefined {
  const name = contacts.find((contact) => contact.wa_id === waId)?.profile?.name?.trim();
  return name ? name.slice(0, 255) : undefined;
}

/** Statuses only move forward; `failed` ends a message's story. */
export const STATUS_RANK: Readonly<Record<string, number>> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/** The 24-hour customer-service window an inbound message opens. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
