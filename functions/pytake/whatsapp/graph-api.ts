/**
 * Meta's Graph API (WhatsApp Cloud API) over fetch: message templates of a
 * business account, and sending a message from a number. The base URL is
 * `GRAPH_API_URL` (default `https://graph.facebook.com`); locally it is the
 * runtime's stand-in (infra/local/fakes/meta-graph.ts), so this same code runs
 * in tests and under `npm start`.
 *
 * Locally only (`PROVIDERS=local` and a loopback `GRAPH_API_URL`), the stand-in is told a number's credentials
 * (`introduceNumber`): it checks the access token as Graph would, and signs the
 * status webhooks it posts back with the number's app secret. Nothing of that
 * exists on AWS.
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';

const graphConfig = z.object({
  GRAPH_API_URL: z._default(z.url(), 'https://graph.facebook.com'),
  GRAPH_API_VERSION: z._default(z.string().check(z.regex(/^v\d+\.\d+$/)), 'v21.0'),
  PROVIDERS: z._default(z.enum(['local', 'aws']), 'aws'),
});

const REQUEST_TIMEOUT_MS = 8_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_TEMPLATE_PAGES = 20;

/** A failure Graph reported: its HTTP status and Meta's error code (130429 rate limit, 131047 outside the window, 190 bad token...). */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly title: string,
  ) {
    super(`Graph API answered ${status}${code === undefined ? '' : ` (code ${code})`}: ${title}`);
    this.name = 'GraphApiError';
  }
}

type Json = Record<string, any>;

async function graphRequest(method: 'GET' | 'POST', path: string, accessToken: string, body?: unknown, query: Record<string, string> = {}): Promise<Json> {
  const { GRAPH_API_URL, GRAPH_API_VERSION } = loadConfig(graphConfig);
  const url = new URL(`${GRAPH_API_URL.replace(/\/$/, '')}/${GRAPH_API_VERSION}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // A non-JSON answer (a proxy's error page) is reported by its status alone.
  }
  if (!response.ok) {
    const error = parsed.error ?? {};
    throw new GraphApiError(
      response.status,
      typeof error.code === 'number' ? error.code : undefined,
      String(error.error_user_title ?? error.message ?? response.statusText),
    );
  }
  return parsed;
}

/** A template as Graph lists it (`GET /{waba_id}/message_templates`). */
export interface GraphTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  components: Json[];
  rejected_reason?: string;
}

/** Every template of a WhatsApp Business Account, following Graph's cursor paging. */
export async function listMessageTemplates(wabaId: string, accessToken: string): Promise<GraphTemplate[]> {
  const templates: GraphTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
    const answer = await graphRequest('GET', `/${encodeURIComponent(wabaId)}/message_templates`, accessToken, undefined, {
      limit: '100',
      ...(after ? { after } : {}),
    });
    templates.push(...((answer.data ?? []) as GraphTemplate[]));
    after = answer.paging?.next ? answer.paging?.cursors?.after : undefined;
    if (!after) break;
  }
  return templates;
}

/** Submits a template for Meta's review: `{id, status, category}`. */
export function createMessageTemplate(wabaId: string, accessToken: string, template: { name: string; language: string; category: string; components: Json[] }) {
  return graphRequest('POST', `/${encodeURIComponent(wabaId)}/message_templates`, accessToken, template) as Promise<{
    id: string;
    status: string;
    category: string;
  }>;
}

/** Sends one message (`body` is the Graph request body as is): Graph answers `{messaging_product, contacts:[{input, wa_id}], messages:[{id}]}`. */
export function sendMessage(phoneNumberId: string, accessToken: string, body: Json) {
  return graphRequest('POST', `/${encodeURIComponent(phoneNumberId)}/messages`, accessToken, body) as Promise<{
    messaging_product: 'whatsapp';
    contacts: { input: string; wa_id: string }[];
    messages: { id: string }[];
  }>;
}

/** Locally only: tells the Graph stand-in a number's credentials (see the module comment). Elsewhere it does nothing. */
export async function introduceNumber(number: {
  phone_number_id: string;
  whatsapp_business_account_id: string;
  accessToken: string;
  appSecret: string;
}): Promise<void> {
  const { GRAPH_API_URL, PROVIDERS } = loadConfig(graphConfig);
  // Only ever to a stand-in on this machine: a real Graph API (set through .env.local) is never sent credentials this way.
  if (PROVIDERS !== 'local' || !LOOPBACK.has(new URL(GRAPH_API_URL).hostname)) return;
  const response = await fetch(`${GRAPH_API_URL.replace(/\/$/, '')}/_stand-in/numbers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      phone_number_id: number.phone_number_id,
      waba_id: number.whatsapp_business_account_id,
      access_token: number.accessToken,
      app_secret: number.appSecret,
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the Graph stand-in refused the number: ${response.status}`);
}
