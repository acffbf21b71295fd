/**
 * The soak benchmark's traffic, run in a process of its own so its memory never
 * counts as the runtime's: LiftLog's feed over HTTP (DynamoDB reads and writes),
 * coach hub conversations over WebSocket (negotiate, $connect, messages, model
 * turns through the coach-turns queue, $disconnect) and account deletions (the
 * user-erasure queue), for `--seconds`, with `--concurrency` loops of each kind
 * (half as many erasure loops).
 * Prints one JSON line of counts when done.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    seconds: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '2' },
  },
});
const base = `${values.url}/liftlog`;
const until = Date.now() + Number(values.seconds) * 1000;
const counts = { http: 0, httpFailed: 0, websocketTurns: 0, websocketFailed: 0, erasures: 0, erasuresFailed: 0 };
const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

async function send(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

const createUser = () => send('POST', '/user/create', {}) as Promise<{ id: string; password: string }>;

/** Users for a loop; a refusal (a cold start timing out on a loaded machine, say) is counted and retried. */
async function users(): Promise<Array<{ id: string; password: string }>> {
  while (Date.now() < until) {
    try {
      return [await createUser(), await createUser()];
    } catch (error) {
      counts.httpFailed++;
      console.error(`feed: ${(error as Error).message}`);
    }
  }
  return [];
}

async function feedLoop(): Promise<void> {
  const [me, friend] = await users();
  while (Date.now() < until) {
    try {
      await send('PUT', '/event', {
        userId: me.id,
        password: me.password,
        eventId: randomUUID(),
        encryptedEventPayload: b64(2048),
        encryptedEventIV: b64(16),
        expiry: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await send('PUT', '/inbox', { toUserId: friend.id, encryptedMessage: [b64(256)] });
      await send('POST', '/inbox', { userId: friend.id, password: friend.password });
      await send('POST', '/users', { ids: [me.id, friend.id] });
      await send('GET', `/user/${me.id}`);
      await send('GET', '/health');
      counts.http += 6;
    } catch (error) {
      counts.httpFailed++;
      console.error(`feed: ${(error as Error).message}`);
    }
  }
}

async function hubLoop(): Promise<void> {
  while (Date.now() < until) {
    const connection = new HubConnectionBuilder()
      .withUrl(`${base}/ai-chat-v2`, { transport: HttpTransportType.WebSockets, accessTokenFactory: () => 'Web local-web-api-key' })
      .configureLogging(LogLevel.None)
      .build();
    try {
      const answered = new Promise<void>((resolve) =>
        connection.on('ReceiveMessage', (message: { type?: string }) =>
          message.type === 'messageResponse' || message.type === 'workoutPlan' ? resolve() : undefined,
        ),
      );
      await connection.start();
      await connection.invoke('SendMessage', `soak ${randomUUID()}: how should I warm up?`, 3);
      await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      counts.websocketTurns++;
    } catch (error) {
      counts.websocketFailed++;
      console.error(`hub: ${(error as Error).message}`);
    } finally {
      await connection.stop();
    }
  }
}

async function erasureLoop(): Promise<void> {
  while (Date.now() < until) {
    try {
      const doomed = await createUser();
      await send('PUT', '/inbox', { toUserId: doomed.id, encryptedMessage: [b64(256)] });
      await send('POST', '/user/delete', { id: doomed.id, password: doomed.password });
      counts.erasures++;
    } catch (error) {
      counts.erasuresFailed++;
      console.error(`erasure: ${(error as Error).message}`);
    }
  }
}

// A conversation the runtime never finishes must not hold the benchmark past its time.
setTimeout(
  () => {
    console.log(JSON.stringify({ ...counts, unfinishedAtEnd: true }));
    process.exit(0);
  },
  until - Date.now() + 30_000,
).unref();

const loops = Number(values.concurrency);
await Promise.all([
  ...Array.from({ length: loops }, feedLoop),
  ...Array.from({ length: loops }, hubLoop),
  ...Array.from({ length: Math.max(1, loops >> 1) }, erasureLoop),
]);
console.log(JSON.stringify(counts));
