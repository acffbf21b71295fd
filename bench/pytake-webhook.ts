/**
 * PyTake's Meta webhook through the local runtime: how fast a signed delivery
 * is acknowledged (verify with the number's app secret, queue, 200), one at a
 * time; inbound messages processed per second end to end (webhook → queue
 * → consumer → stored), many customers writing at once; and agents' sends per
 * second through the pacer (POST …/messages → send queue → per-number and
 * per-recipient buckets → Graph stand-in), one message to each of many of those
 * customers.
 */
import pytake from '../functions/pytake/service.ts';
import { inboundValue, newWamid, webhookBody } from '../infra/local/fakes/meta-webhooks.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { pytakeHarness } from '../test/pytake/app-client.ts';
import { addNumber, postSigned } from '../test/pytake/whatsapp/numbers-fixture.ts';
import { mapConcurrently } from '../shared/concurrency.ts';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export interface WebhookBench {
  acks: number;
  ackP50Ms: number;
  ackP99Ms: number;
  burst: number;
  inFlight: number;
  burstSeconds: number;
  storedPerSecond: number;
  sends: number;
  sendsInFlight: number;
  /** POST /conversations/{id}/messages answered 201 (stored, queued). */
  sendsAcceptedPerSecond: number;
  /** Graph calls the stand-in recorded, from the first POST to the last send. */
  sentPerSecond: number;
  sendSeconds: number;
}

export async function benchPytakeWebhook(options: { acks?: number; burst?: number; inFlight?: number; sends?: number } = {}): Promise<WebhookBench> {
  const acks = options.acks ?? 200;
  const burst = options.burst ?? 300;
  const inFlight = options.inFlight ?? 8;
  const sends = Math.min(options.sends ?? 200, burst);
  const runtime = await startRuntime({ services: [pytake], log: () => undefined });
  const h = pytakeHarness(runtime);
  try {
    const admin = await h.registerOrg();
    const number = await addNumber(h, admin);
    const post = (from: string) =>
      postSigned(
        runtime.url,
        webhookBody({ phoneNumberId: number.input.phone_number_id }, inboundValue({ from, wamid: newWamid(), name: 'Cliente' })),
        number.input.app_secret,
      );

    const warmups = 5;
    const ackMs: number[] = [];
    for (let i = 0; i < acks + warmups; i++) {
      const started = performance.now();
      const reply = await post(`55119${String(i).padStart(8, '0')}`);
      if (reply.status !== 200) throw new Error(`the webhook answered ${reply.status}: ${reply.text}`);
      if (i >= warmups) ackMs.push(performance.now() - started);
    }
    await runtime.queues.drained('pytake-meta-webhook', 120_000);
    const storedBefore = await storedCount(h, admin.orgId);

    const started = performance.now();
    await mapConcurrently(
      Array.from({ length: burst }, (_, i) => `55219${String(i).padStart(8, '0')}`),
      inFlight,
      async (from) => {
        const reply = await post(from);
        if (reply.status !== 200) throw new Error(`the webhook answered ${reply.status}: ${reply.text}`);
      },
    );
    for (;;) {
      if ((await storedCount(h, admin.orgId)) - storedBefore >= burst) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (performance.now() - started) / 1000;

    // One agent message to each of `sends` customers whose window the burst opened.
    const conversations: string[] = [];
    while (conversations.length < sends) {
      const page = await h.app.get('/conversations', { token: admin.token, query: { skip: conversations.length, limit: 100 } });
      if (!page.body.length) break;
      conversations.push(...page.body.map((c: { id: string }) => c.id));
    }
    // The burst's new-contact notifications settle first, so the sends are measured on their own; a job
    // waiting out its visibility timeout after a failed try (a cold start past its limit, on a busy machine)
    // does not hold the measurement.
    await runtime.queues.drained('pytake-notifications', 60_000).catch(() => undefined);
    const sentBefore = runtime.outbox.list({ channel: 'whatsapp' }).length;
    const sendStarted = performance.now();
    await mapConcurrently(conversations.slice(0, sends), inFlight, async (id) => {
      const reply = await h.app.post(`/conversations/${id}/messages`, {
        token: admin.token,
        json: { message_type: 'text', content: { text: 'Olá! Como posso ajudar?' } },
      });
      if (reply.status !== 201) throw new Error(`POST /conversations/{id}/messages answered ${reply.status}: ${reply.text}`);
    });
    const acceptedSeconds = (performance.now() - sendStarted) / 1000;
    while (runtime.outbox.list({ channel: 'whatsapp' }).length - sentBefore < sends) await new Promise((resolve) => setTimeout(resolve, 20));
    const sendSeconds = (performance.now() - sendStarted) / 1000;
    return {
      acks,
      ackP50Ms: percentile(ackMs, 50),
      ackP99Ms: percentile(ackMs, 99),
      burst,
      inFlight,
      burstSeconds: seconds,
      storedPerSecond: burst / seconds,
      sends,
      sendsInFlight: inFlight,
      sendsAcceptedPerSecond: sends / acceptedSeconds,
      sentPerSecond: sends / sendSeconds,
      sendSeconds,
    };
  } finally {
    h.table.close();
    await runtime.stop();
  }
}

async function storedCount(h: ReturnType<typeof pytakeHarness>, orgId: string): Promise<number> {
  return (await h.table.partition(`ORG#${orgId}`)).filter((item) => String(item.sk).startsWith('MESSAGE#')).length;
}
