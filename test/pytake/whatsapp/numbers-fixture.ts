/**
 * WhatsApp numbers for the gateway tests: registered through the real
 * `POST /whatsapp` with fresh ids and credentials, and Meta webhooks posted to
 * the real Function URL as Meta posts them (raw bytes, signed with the app secret).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { metaJson, metaSignature } from '../../../infra/local/fakes/meta-webhooks.ts';
import type { Member, PytakeHarness } from '../app-client.ts';

const digits = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('');

export interface NumberInput {
  phone_number: string;
  display_name: string;
  connection_type: 'official';
  phone_number_id: string;
  whatsapp_business_account_id: string;
  access_token: string;
  app_secret: string;
  webhook_verify_token: string;
}

export function numberInput(overrides: Partial<NumberInput> = {}): NumberInput {
  return {
    phone_number: `+55119${digits(8)}`,
    display_name: 'Loja Centro',
    connection_type: 'official',
    phone_number_id: digits(15),
    whatsapp_business_account_id: digits(15),
    access_token: `EAAG${randomBytes(24).toString('hex')}`,
    app_secret: randomBytes(16).toString('hex'),
    webhook_verify_token: `verify-${randomBytes(8).toString('hex')}`,
    ...overrides,
  };
}

export interface TestNumber {
  id: string;
  orgId: string;
  input: NumberInput;
}

/** Registers a number for `admin`'s organization; throws unless 201. */
export async function addNumber(h: PytakeHarness, admin: Member, overrides: Partial<NumberInput> = {}): Promise<TestNumber> {
  const input = numberInput(overrides);
  const reply = await h.app.post('/whatsapp', { token: admin.token, json: input });
  if (reply.status !== 201) throw new Error(`POST /whatsapp answered ${reply.status}: ${reply.text}`);
  return { id: reply.body.id, orgId: admin.orgId, input };
}

export interface WebhookReply {
  status: number;
  contentType?: string;
  text: string;
}

/** Sends bytes to the service's Meta webhook as they are, with the given headers. */
export function sendToWebhook(
  baseUrl: string,
  options: { method?: string; body?: Buffer | string; headers?: Record<string, string>; query?: string },
): Promise<WebhookReply> {
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const url = `${baseUrl}/pytake/webhooks/meta${options.query ? `?${options.query}` : ''}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'POST', headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts `body` serialised as Meta does and signed with `appSecret` (the number's, unless told otherwise). */
export function postSigned(baseUrl: string, body: unknown, appSecret: string, headers: Record<string, string> = {}): Promise<WebhookReply> {
  const raw = metaJson(body);
  return sendToWebhook(baseUrl, {
    body: raw,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(appSecret, raw), ...headers },
  });
}
