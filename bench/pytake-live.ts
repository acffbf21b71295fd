/**
 * PyTake live events through the local runtime: inbound messages processed
 * per second end to end (signed webhook → queue → consumer → stored →
 * live-events queue → posted → `message:new` received on agents' WebSockets),
 * many customers writing at once; and the latency of one message from the
 * webhook's POST to its `message:new` frame, one at a time.
 */
import pytake from '../functions/pytake/service.ts';
import { inboundValue, newWamid, webhookBody } from '../infra/local/fakes/meta-webhooks.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { mapConcurrently } from '../shared/concurrency.ts';
import { pytakeHarness } from '../test/pytake/app-client.ts';
import { LiveSocket } from '../test/pytake/live/live-socket.ts';
import { addNumber, postSigned } from '../test/pytake/whatsapp/numbers-fixture.ts';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export interface LiveBench {
  sockets: number;
  sequential: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  burst: number;
  inFlight: number;
  burstSeconds: number;
  deliveredPerSecond: number;
}

export async function benchPytakeLive(options: { sockets?: number; sequential?: number; burst?: number; inFlight?: number } = {}): Promise<LiveBench> {
  const socketCount = options.sockets ?? 3;
  const sequential = options.sequential ?? 30;
  const burst = options.burst ?? 200;
  const inFlight = options.inFlight ?? 4;
  const runtime = await startRuntime({ services: [pytake], log: () => undefined });
  const h = pytakeHarness(runtime);
  const sockets: LiveSocket[] = [];
  try {
    const admin = await h.registerOrg();
    const number = await addNumber(h, admin);
    const url = `${runtime.url.replace(/^http/, 'ws')}/pytake/ws`;
    for (let i = 0; i < socketCount; i++) {
      const member = i === 0 ? admin : await h.seedUser(admin, 'agent');
      sockets.push(await LiveSocket.open(url, { authorization: `Bearer ${member.token}` }));
    }
    const post = async (from: string) => {
      const body = webhookBody({ phoneNumberId: number.input.phone_number_id }, inboundValue({ from, wamid: newWamid(), name: 'Cliente' }));
      const reply = await postSigned(runtime.url, body, number.input.app_secret);
      if (reply.status !== 200) throw new Error(`the webhook answered ${reply.status}: ${reply.text}`);
    };
    const received = () => Math.min(...sockets.map((socket) => socket.ofEvent('message:new').length));
    const allReceived = (count: number) =>
      Promise.all(sockets.map((socket) => socket.next(() => socket.ofEvent('message:new').length >= count, { timeoutMs: 300_000 })));

    // One at a time: the POST to the last socket's frame (the first few warm the functions up).
    const warmups = 5;
    const latencies: number[] = [];
    for (let i = 0; i < sequential + warmups; i++) {
      const before = received();
      const started = performance.now();
      await post(`55319${String(i).padStart(8, '0')}`);
      await allReceived(before + 1);
      if (i >= warmups) latencies.push(performance.now() - started);
    }

    const before = received();
    const started = performance.now();
    await mapConcurrently(
      Array.from({ length: burst }, (_, i) => `55419${String(i).padStart(8, '0')}`),
      inFlight,
      post,
    );
    await allReceived(before + burst);
    const seconds = (performance.now() - started) / 1000;
    return {
      sockets: socketCount,
      sequential,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      burst,
      inFlight,
      burstSeconds: seconds,
      deliveredPerSecond: burst / seconds,
    };
  } finally {
    await Promise.all(sockets.map((socket) => socket.close()));
    h.table.close();
    await runtime.stop();
  }
}
