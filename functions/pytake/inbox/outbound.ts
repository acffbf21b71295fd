/**
 * Outbound messages: what an agent may send (`POST /conversations/{id}/messages`
 * `{message_type, content}`) and the Graph API request body each becomes.
 *
 * | message_type                          | content                                                      |
 * |---------------------------------------|--------------------------------------------------------------|
 * | text                                  | `{text, preview_url?}`                                       |
 * | image, audio, video, document, sticker| `{url}` or `{media_id}`, `caption?`, `filename?` (documents)  |
 * | template                              | `{name, language, components?}` (Meta's template components) |
 * | interactive                           | Meta's interactive object (`{type, body: {text}, action…}`)   |
 *
 * Templates are the only messages allowed outside the 24-hour window. Pure: no I/O.
 */
import * as z from 'zod/mini';

const text = (max: number) =>
  z.string().check(z.minLength(1, 'String should have at least 1 character'), z.maxLength(max, `String should have at most ${max} characters`));

const media = z
  .object({ url: z.optional(z.url()), media_id: z.optional(text(256)), caption: z.optional(text(1024)), filename: z.optional(text(240)) })
  .check(z.refine((value) => Boolean(value.url) !== Boolean(value.media_id), 'Give exactly one of url and media_id'));

const mediaMessage = <T extends string>(type: T) => z.object({ message_type: z.literal(type), content: media });

export const sendMessageBody = z.discriminatedUnion('message_type', [
  z.object({ message_type: z.literal('text'), content: z.object({ text: text(4096), preview_url: z.optional(z.boolean()) }) }),
  mediaMessage('image'),
  mediaMessage('audio'),
  mediaMessage('video'),
  mediaMessage('document'),
  mediaMessage('sticker'),
  z.object({
    message_type: z.literal('template'),
    content: z.object({
      name: text(512),
      language: z._default(text(15), 'pt_BR'),
      components: z.optional(z.array(z.record(z.string(), z.unknown()))),
    }),
  }),
  z.object({
    message_type: z.literal('interactive'),
    content: z.looseObject({
      type: z.enum(['button', 'list', 'cta_url', 'product', 'product_list']),
      body: z.object({ text: text(1024) }),
      action: z.record(z.string(), z.unknown()),
    }),
  }),
]);

export type SendMessageInput = z.output<typeof sendMessageBody>;

/** Messages that need the customer's 24-hour window open. */
export const needsServiceWindow = (messageType: string): boolean => messageType !== 'template';

type Json = Record<string, unknown>;

/** The Graph API body (`POST /{phone_number_id}/messages`) sending `content` of `messageType` to `to` (a wa_id). */
export function graphBodyOf(to: string, messageType: string, content: Json): Json {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: messageType };
  if (messageType === 'text')
    return { ...base, text: { body: content.text, ...(content.preview_url === undefined ? {} : { preview_url: content.preview_url }) } };
  if (messageType === 'template') {
    return {
      ...base,
      template: { name: content.name, language: { code: content.language }, ...(content.components ? { components: content.components } : {}) },
    };
  }
  if (messageType === 'interactive') return { ...base, interactive: content };
  const object: Json = content.url ? { link: content.url } : { id: content.media_id };
  if (content.caption !== undefined && messageType !== 'audio' && messageType !== 'sticker') object.caption = content.caption;
  if (content.filename !== undefined && messageType === 'document') object.filename = content.filename;
  return { ...base, [messageType]: object };
}
