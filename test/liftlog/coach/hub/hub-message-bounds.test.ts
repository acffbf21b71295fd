/**
 * One hub message buys a bounded amount of work: at most 16 records, at most
 * 4 of them invocations, one ping answer however many pings, and nothing but a
 * handshake before the handshake. Excess is refused as a protocol error (a
 * close frame the client reads, then the connection closes), never worked
 * through until the route times out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startCoachRuntime, WEB_AUTHORIZATION, type CoachRuntime } from '../coach-runtime.ts';

const RS = '\x1e';
const HANDSHAKE = `{"protocol":"json","version":1}${RS}`;
const FRAME_BYTES = 32 * 1024;

let coach: CoachRuntime;
beforeAll(async () => {
  coach = await startCoachRuntime();
});
afterAll(() => coach?.stop());

interface HubSocket {
  /** Sends one message, in frames of at most 32 KB as API Gateway requires. */
  send(text: string): void;
  /** The next record the server sent. */
  next(): Promise<Record<string, any>>;
  closed: Promise<void>;
  /** Every record received so far. */
  records: Array<Record<string, any>>;
}

async function open(): Promise<HubSocket> {
  const ws = new WebSocket(coach.url('/ai-chat-v2').replace(/^http/, 'ws'), { headers: { authorization: WEB_AUTHORIZATION } });
  const records: Array<Record<string, any>> = [];
  let taken = 0;
  let notify = () => undefined as void;
  ws.on('message', (data: Buffer) => {
    records.push(
      ...data
        .toString('utf8')
        .split(RS)
        .filter(Boolean)
        .map((record) => JSON.parse(record)),
    );
    notify();
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    records,
    closed,
    send(text) {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; at += FRAME_BYTES) {
        ws.send(bytes.subarray(at, at + FRAME_BYTES), { binary: false, fin: at + FRAME_BYTES >= bytes.length });
      }
    },
    async next() {
      while (taken >= records.length) {
        await Promise.race([new Promise<void>((resolve) => (notify = resolve)), closed]);
        if (taken >= records.length && ws.readyState === WebSocket.CLOSED) throw new Error('closed before another record came');
      }
      return records[taken++];
    },
  };
}

async function handshaken(): Promise<HubSocket> {
  const socket = await open();
  socket.send(HANDSHAKE);
  expect(await socket.next()).toEqual({});
  return socket;
}

const records = (count: number, record: object) => (JSON.stringify(record) + RS).repeat(count);

describe('hub message bounds', () => {
  it('refuses a 120 KB message of 11,000 pings with a protocol error, answering none of them', async () => {
    const socket = await handshaken();
    socket.send(records(11_000, { type: 6 }));
    expect(await socket.next()).toEqual({ type: 7, error: 'Invalid message: a message may hold at most 16 records.', allowReconnect: false });
    await socket.closed;
    expect(socket.records.filter((record) => record.type === 6)).toEqual([]);
  });

  it('answers several pings in one message with one ping', async () => {
    const socket = await handshaken();
    socket.send(records(10, { type: 6 }) + records(1, { type: 1, invocationId: 'after', target: 'Nope', arguments: [] }));
    expect(await socket.next()).toEqual({ type: 6 });
    expect(await socket.next()).toMatchObject({ type: 3, invocationId: 'after' });
  });

  it('refuses a message of 100 SendMessage calls without queueing any turn', async () => {
    const before = (await coach.modelRequests()).length;
    const socket = await handshaken();
    socket.send(Array.from({ length: 100 }, (_, i) => records(1, { type: 1, invocationId: String(i), target: 'SendMessage', arguments: ['hi', 3] })).join(''));
    expect(await socket.next()).toMatchObject({ type: 7, error: expect.stringMatching(/^Invalid message: a message may hold at most 16 records/) });
    await socket.closed;
    expect(await coach.chatItems()).not.toContainEqual(expect.objectContaining({ sk: 'TURN' }));
    expect((await coach.modelRequests()).length).toBe(before);
  });

  it('refuses five invocations in one message; four are answered', async () => {
    const calls = (n: number) => Array.from({ length: n }, (_, i) => records(1, { type: 1, invocationId: String(i), target: 'Nope', arguments: [] })).join('');
    const refused = await handshaken();
    refused.send(calls(5));
    expect(await refused.next()).toEqual({ type: 7, error: 'Invalid message: a message may hold at most 4 invocations.', allowReconnect: false });
    await refused.closed;

    const answered = await handshaken();
    answered.send(calls(4));
    for (const id of ['0', '1', '2', '3'])
      expect(await answered.next()).toMatchObject({ type: 3, invocationId: id, error: expect.stringMatching(/does not exist/) });
  });

  it('refuses an invocation before the handshake and runs nothing', async () => {
    const before = (await coach.modelRequests()).length;
    const socket = await open();
    socket.send(records(1, { type: 1, invocationId: '1', target: 'SendMessage', arguments: ['hi', 3] }));
    expect(await socket.next()).toEqual({ type: 7, error: 'Invalid message: the handshake must come first.', allowReconnect: false });
    await socket.closed;
    expect((await coach.modelRequests()).length).toBe(before);
  });

  it('refuses a handshake after other records of a message', async () => {
    const socket = await open();
    socket.send(records(1, { type: 6 }) + HANDSHAKE);
    expect(await socket.next()).toEqual({ type: 7, error: 'Invalid message: the handshake must come first.', allowReconnect: false });
    await socket.closed;
  });
});
