/**
 * Conversations for the inbox tests, made as in the field: an organization
 * with a number, and a customer who writes first (a signed inbound webhook), so
 * the conversation exists with its 24-hour window open. `silent` makes one
 * with the window never opened (an agent started it).
 */
import { randomInt } from 'node:crypto';
import { inboundValue, webhookBody } from '../../../infra/local/fakes/meta-webhooks.ts';
import { eventually, type Member, type PytakeHarness } from '../app-client.ts';
import { addNumber, postSigned, type TestNumber } from '../whatsapp/numbers-fixture.ts';

export const customerWaId = () => `55119${String(randomInt(10_000_000, 99_999_999))}`;

export interface Inbox {
  admin: Member;
  number: TestNumber;
}

export async function inboxOrg(h: PytakeHarness): Promise<Inbox> {
  const admin = await h.registerOrg();
  return { admin, number: await addNumber(h, admin) };
}

/** The open conversation a customer's message opened or joined (window open), once the message is stored: its id. */
export async function customerWrites(h: PytakeHarness, inbox: Inbox, waId = customerWaId(), text = 'Oi'): Promise<string> {
  const body = webhookBody(
    { phoneNumberId: inbox.number.input.phone_number_id },
    inboundValue({ from: waId, name: 'Cliente', message: { type: 'text', text: { body: text } } }),
  );
  const reply = await postSigned(h.runtime.url, body, inbox.number.input.app_secret);
  if (reply.status !== 200) throw new Error(`the webhook answered ${reply.status}`);
  return eventually(
    async () => {
      const list = await h.app.get('/conversations', { token: inbox.admin.token });
      const contact = (await h.app.get('/contacts', { token: inbox.admin.token, query: { query: waId } })).body;
      const contactId = Array.isArray(contact) ? contact.find((c: { whatsapp_id: string }) => c.whatsapp_id === waId)?.id : undefined;
      return (
        contactId &&
        list.body.find(
          (c: { contact_id: string; status: string; total_messages: number }) => c.contact_id === contactId && c.status !== 'closed' && c.total_messages > 0,
        )?.id
      );
    },
    { timeoutMs: 15_000 },
  );
}

/** A conversation an agent opened with a contact who never wrote: no window. */
export async function silentConversation(h: PytakeHarness, inbox: Inbox): Promise<string> {
  const contact = await h.app.post('/contacts', { token: inbox.admin.token, json: { whatsapp_id: customerWaId(), name: 'Silenciosa' } });
  if (contact.status !== 201) throw new Error(`POST /contacts answered ${contact.status}: ${contact.text}`);
  const reply = await h.app.post('/conversations', { token: inbox.admin.token, json: { contact_id: contact.body.id, whatsapp_number_id: inbox.number.id } });
  if (reply.status !== 201) throw new Error(`POST /conversations answered ${reply.status}: ${reply.text}`);
  return reply.body.id;
}
