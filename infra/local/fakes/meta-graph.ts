/**
 * Meta's Graph API (WhatsApp Cloud API) on the runtime's port, for PyTake's
 * real Graph adapter (functions/pytake/whatsapp/graph-api.ts, pointed here by
 * `GRAPH_API_URL`):
 *
 *   POST /_local/meta-graph/{version}/{phone_number_id}/messages
 *        records the send in the outbox (`channel: "whatsapp"`, `to` = the
 *        recipient's wa_id, `payload` = the request body exactly), answers as
 *        Graph does (`{messaging_product, contacts:[{input, wa_id}], messages:[{id:"wamid…"}]}`),
 *        then posts the status callbacks `sent`, `delivered`, `read` to the
 *        service's Meta webhook, signed with the number's app secret, so
 *        `npm start` shows the ticks moving;
 *   GET  /_local/meta-graph/{version}/{waba_id}/message_templates   the account's templates
 *   POST /_local/meta-graph/{version}/{waba_id}/message_templates   submits one (status PENDING)
 *   POST /_local/meta-graph/_stand-in/numbers   {phone_number_id, waba_id, access_token, app_secret}
 *
 * The last one is the stand-in's own: Graph knows each number's token and its
 * app's secret, this stand-in learns them when the numbers route stores a
 * number locally (`introduceNumber`), and tests may call `registerNumber`. A
 * request with another token is refused as Graph refuses it (401, code 190);
 * an unknown number with code 100.
 *
 * Tests make it fail (`fail`): Meta error 130429 (throughput), 131056 (pair
 * rate limit) or any 5xx answer the send; 131047 (re-engagement) is accepted
 * and then reported by a `failed` status callback, as Meta does.
 */
import { randomBytes } from 'node:crypto';
import { addresses } from '../addresses.ts';
import { ProviderApi, bearerOf, type FakeRequest, type FakeResponse } from './provider-api.ts';
import { postWebhook, statusValue, webhookBody } from './meta-webhooks.ts';

type Json = Record<string, any>;

export interface GraphNumber {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
}

/** One accepted send, as the stand-in saw it (tests measure pacing from `at`). */
export interface GraphSend {
  at: number;
  phoneNumberId: string;
  to: string;
  wamid: string;
  body: Json;
}

export type GraphFailure = { code: 130429 | 131056 | 131047 } | { status: number };

const ERRORS: Record<number, { status: number; title: string; message: string }> = {
  130429: { status: 429, title: 'Rate limit hit', message: '(#130429) Rate limit hit' },
  131056: { status: 400, title: 'Pair rate limit hit', message: '(#131056) (Business Account, Consumer Account) pair rate limit hit' },
  131047: {
    status: 200,
    title: 'Re-engagement message',
    message: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
};

/** Delays of the sent, delivered and read callbacks after a send. */
const STATUS_DELAYS_MS = [30, 60, 90];

const graphError = (status: number, code: number, message: string, type = 'OAuthException'): FakeResponse => ({
  status,
  body: { error: { message, type, code, error_subcode: undefined, fbtrace_id: randomBytes(8).toString('hex') } },
});

export class FakeMetaGraph extends ProviderApi {
  /** Every accepted send, oldest first (the latest few thousand). */
  readonly sends: GraphSend[] = [];
  /** The status callbacks posted, with the webhook's answer (the latest few thousand). */
  readonly callbacks: { wamid: string; status: string; answered: number }[] = [];
  /** Post status callbacks after each send (tests that drive statuses themselves turn it off). */
  statusCallbacks = true;
  private readonly numbers = new Map<string, GraphNumber>();
  private readonly templates = new Map<string, Json[]>();
  private readonly failures: GraphFailure[] = [];
  private base = '';

  constructor() {
    super('meta-graph', "Meta's Graph API (WhatsApp Cloud API)", (request) => this.answerRequest(request));
  }

  override mount(baseUrl: string): void {
    super.mount(baseUrl);
    this.base = baseUrl;
  }

  environment(): Record<string, string> {
    return { GRAPH_API_URL: this.url };
  }

  registerNumber(number: GraphNumber): void {
    this.numbers.set(number.phoneNumberId, number);
  }

  /** The business account's templates, as Graph lists them. */
  setTemplates(wabaId: string, templates: Json[]): void {
    this.templates.set(wabaId, templates);
  }

  /** The next `times` sends fail this way (in order with earlier calls). */
  fail(failure: GraphFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  recover(): void {
    this.failures.length = 0;
  }

  /** Posts one status callback for a wamid, as Meta would. */
  async postStatus(phoneNumberId: string, input: { wamid: string; status: string; recipient: string; errors?: Json[] }) {
    const number = this.numbers.get(phoneNumberId);
    if (!number) throw new Error(`the Graph stand-in does not know number ${phoneNumberId}`);
    const body = webhookBody({ phoneNumberId, wabaId: number.wabaId }, statusValue(input));
    const answer = await postWebhook(addresses.webhookUrl(this.base, 'pytake', 'meta'), body, number.appSecret);
    this.callbacks.push({ wamid: input.wamid, status: input.status, answered: answer.status });
    if (this.callbacks.length > 5000) this.callbacks.shift();
    return answer;
  }

  private async answerRequest(request: FakeRequest): Promise<FakeResponse> {
    const path = request.path.split('?')[0];
    if (path === '/_stand-in/numbers' && request.method === 'POST') return this.introduce(request);
    const messages = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(path);
    if (messages && request.method === 'POST') return this.send(request, decodeURIComponent(messages[1]));
    const templates = /^\/v\d+\.\d+\/([^/]+)\/message_templates$/.exec(path);
    if (templates && (request.method === 'GET' || request.method === 'POST')) return this.templatesOf(request, decodeURIComponent(templates[1]));
    return graphError(400, 100, 'Unsupported request - method type or path not supported', 'GraphMethodException');
  }

  private introduce(request: FakeRequest): FakeResponse {
    const body = parse(request.body);
    if (!body || ![body.phone_number_id, body.waba_id, body.access_token, body.app_secret].every((v) => typeof v === 'string' && v)) {
      return { status: 400, body: { error: 'phone_number_id, waba_id, access_token and app_secret are required' } };
    }
    this.registerNumber({ phoneNumberId: body.phone_number_id, wabaId: body.waba_id, accessToken: body.access_token, appSecret: body.app_secret });
    return { status: 200, body: { success: true } };
  }

  private authorize(request: FakeRequest, numbers: GraphNumber[]): FakeResponse | undefined {
    if (numbers.length === 0)
      return graphError(
        400,
        100,
        'Unsupported post request. Object does not exist, cannot be loaded due to missing permissions, or does not support this operation',
        'GraphMethodException',
      );
    const token = bearerOf(request);
    if (!token || !numbers.some((number) => number.accessToken === token))
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    return undefined;
  }

  private async send(request: FakeRequest, phoneNumberId: string): Promise<FakeResponse> {
    const number = this.numbers.get(phoneNumberId);
    const refused = this.authorize(request, number ? [number] : []);
    if (refused) return refused;
    const body = parse(request.body);
    if (body?.messaging_product !== 'whatsapp') return graphError(400, 100, '(#100) The parameter messaging_product is required.');
    if (!body || typeof body.to !== 'string' || !/\d/.test(body.to)) return graphError(400, 100, '(#100) The parameter to is required.');
    const failure = this.failures.shift();
    if (failure && 'status' in failure) return graphError(failure.status, 2, 'Service temporarily unavailable', 'OAuthException');
    if (failure && failure.code !== 131047) {
      const error = ERRORS[failure.code];
      return {
        status: error.status,
        body: {
          error: {
            message: error.message,
            type: 'OAuthException',
            code: failure.code,
            error_data: { messaging_product: 'whatsapp', details: error.title },
            fbtrace_id: randomBytes(8).toString('hex'),
          },
        },
      };
    }
    const waId = body.to.replace(/\D/g, '');
    const wamid = `wamid.${randomBytes(24).toString('base64url')}`;
    await this.recordInOutbox(waId, body);
    this.sends.push({ at: Date.now(), phoneNumberId, to: waId, wamid, body });
    if (this.sends.length > 5000) this.sends.shift();
    if (this.statusCallbacks)
      this.playStatuses(phoneNumberId, waId, wamid, failure ? [{ code: 131047, title: ERRORS[131047].title, message: ERRORS[131047].message }] : undefined);
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: waId }], messages: [{ id: wamid }] } };
  }

  private async recordInOutbox(to: string, payload: Json): Promise<void> {
    const response = await fetch(addresses.outbox(this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'whatsapp', to, service: 'pytake', payload }),
    });
    if (response.status !== 201) throw new Error(`the outbox refused a WhatsApp message: ${response.status}`);
  }

  /** sent → delivered → read (or one `failed`), each posted after the previous answered. */
  private playStatuses(phoneNumberId: string, recipient: string, wamid: string, errors?: Json[]): void {
    const statuses = errors ? [{ status: 'failed', errors }] : [{ status: 'sent' }, { status: 'delivered' }, { status: 'read' }];
    void (async () => {
      for (const [index, status] of statuses.entries()) {
        await new Promise((resolve) => setTimeout(resolve, STATUS_DELAYS_MS[index] - (STATUS_DELAYS_MS[index - 1] ?? 0)));
        try {
          await this.postStatus(phoneNumberId, { wamid, recipient, ...status });
        } catch {
          // The runtime is stopping, or the number was forgotten: callbacks are best effort, as Meta's retries are not modelled.
          return;
        }
      }
    })();
  }

  private templatesOf(request: FakeRequest, wabaId: string): FakeResponse {
    const refused = this.authorize(
      request,
      [...this.numbers.values()].filter((number) => number.wabaId === wabaId),
    );
    if (refused) return refused;
    const templates = this.templates.get(wabaId) ?? [];
    if (request.method === 'GET') return { status: 200, body: { data: templates, paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } } };
    const body = parse(request.body);
    if (!body || typeof body.name !== 'string' || typeof body.category !== 'string' || typeof body.language !== 'string') {
      return graphError(400, 100, '(#100) Param name, language and category are required.');
    }
    const id = String(BigInt(`0x${randomBytes(6).toString('hex')}`));
    templates.push({ id, name: body.name, language: body.language, category: body.category, status: 'PENDING', components: body.components ?? [] });
    this.templates.set(wabaId, templates);
    return { status: 200, body: { id, status: 'PENDING', category: body.category } };
  }
}

function parse(text: string): Json | undefined {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
