import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { exampleOf } from '../../../../infra/local/fakes/openai.ts';
import { aiPlanSchema } from '../../../../functions/liftlog/coach/plan/ai-plan-schema.ts';
import { eventually } from '../../../support/eventually.ts';
import { startCoachRuntime, transcript, TURN_QUEUE, WEB_AUTHORIZATION, type CoachRuntime } from '../coach-runtime.ts';
import { ChatClient, hubClients, type Received } from '../hub-client.ts';

const RS = '\x1e';
const HUB = '/ai-chat-v2';

let coach: CoachRuntime;

beforeAll(async () => {
  coach = await startCoachRuntime();
});
afterAll(() => coach?.stop());

const connect = hubClients(() => coach.url(HUB), WEB_AUTHORIZATION);

const lastModelRequest = async () => (await coach.modelRequests()).at(-1)!;
const texts = (received: Received[]) => received.filter((m) => m.type === 'messageResponse').map((m) => m.message as string);

/** A WebSocket speaking the hub protocol by hand, for what the SignalR client never sends. */
async function rawSocket(query = '', headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${coach.url(HUB).replace(/^http/, 'ws')}${query}`, { headers });
  const records: Array<Record<string, any>> = [];
  let arrived: (() => void) | undefined;
  ws.on('message', (data: Buffer) => {
    records.push(
      ...data
        .toString('utf8')
        .split(RS)
        .filter(Boolean)
        .map((r) => JSON.parse(r)),
    );
    arrived?.();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  /** The next record, as soon as it arrives; the timeout only bounds a wait for one that never comes. */
  const next = async (timeoutMs = 20_000) => {
    if (records.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no record received within ${timeoutMs} ms`)), timeoutMs);
        arrived = () => {
          clearTimeout(timer);
          arrived = undefined;
          resolve();
        };
      });
    }
    return records.shift()!;
  };
  return { ws, next, send: (...messages: object[]) => ws.send(messages.map((m) => JSON.stringify(m) + RS).join('')) };
}

function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('error', () => undefined);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('the handshake was accepted')));
  });
}

describe('POST /ai-chat-v2/negotiate', () => {
  it('offers the WebSockets transport to a pro user', async () => {
    const response = await coach.fetch(`${HUB}/negotiate?negotiateVersion=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${WEB_AUTHORIZATION}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ negotiateVersion: 1, availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text'] }] });
    expect(typeof body.connectionId).toBe('string');
    expect(typeof body.connectionToken).toBe('string');
  });

  it('returns 401 without a valid pro token', async () => {
    for (const headers of [{}, { authorization: 'Web wrong-key' }, { authorization: 'Bearer nonsense' }] as Array<Record<string, string>>) {
      const response = await coach.fetch(`${HUB}/negotiate?negotiateVersion=1`, { method: 'POST', headers });
      expect(response.status).toBe(401);
    }
  });
});

describe('$connect', () => {
  it('refuses the WebSocket handshake with 401 without a valid pro token', async () => {
    const url = coach.url(HUB).replace(/^http/, 'ws');
    expect(await refusedStatus(url)).toBe(401);
    expect(await refusedStatus(url, { authorization: 'Web wrong-key' })).toBe(401);
    expect(await refusedStatus(`${url}?access_token=${encodeURIComponent('Web wrong-key')}`)).toBe(401);
    await expect(ChatClient.open(coach.url(HUB), 'Web wrong-key')).rejects.toThrow();
  });

  it('accepts the pro token in the access_token query parameter, as browsers send it', async () => {
    const socket = await rawSocket(`?id=abc&access_token=${encodeURIComponent(WEB_AUTHORIZATION)}`);
    socket.ws.send(`{"protocol":"json","version":1}${RS}`);
    expect(await socket.next()).toEqual({});
    socket.ws.close();
  });
});

describe('SignalR protocol', () => {
  it('answers a ping with a ping, and several records in one message in order', async () => {
    const socket = await rawSocket('', { authorization: WEB_AUTHORIZATION });
    socket.ws.send(`{"protocol":"json","version":1}${RS}{"type":6}${RS}`);
    expect(await socket.next()).toEqual({});
    expect(await socket.next()).toEqual({ type: 6 });
    socket.ws.close();
  });

  it('refuses a handshake for another protocol and closes the connection', async () => {
    const socket = await rawSocket('', { authorization: WEB_AUTHORIZATION });
    const closed = new Promise((resolve) => socket.ws.once('close', resolve));
    socket.ws.send(`{"protocol":"messagepack","version":1}${RS}`);
    expect((await socket.next()).error).toMatch(/not supported/);
    await closed;
  });

  it('completes an unknown method or wrong arguments with an error', async () => {
    const socket = await rawSocket('', { authorization: WEB_AUTHORIZATION });
    socket.ws.send(`{"protocol":"json","version":1}${RS}`);
    await socket.next();
    socket.send({ type: 1, invocationId: '1', target: 'Nope', arguments: [] });
    expect(await socket.next()).toMatchObject({ type: 3, invocationId: '1', error: expect.stringMatching(/does not exist/) });
    socket.send({ type: 1, invocationId: '2', target: 'SendMessage', arguments: ['hello'] });
    expect(await socket.next()).toMatchObject({ type: 3, invocationId: '2', error: expect.stringMatching(/arguments/) });
    socket.ws.close();
  });

  it('closes the connection on a close message', async () => {
    const socket = await rawSocket('', { authorization: WEB_AUTHORIZATION });
    const closed = new Promise((resolve) => socket.ws.once('close', resolve));
    socket.ws.send(`{"protocol":"json","version":1}${RS}`);
    await socket.next();
    socket.send({ type: 7 });
    await closed;
  });
});

describe('Introduce', () => {
  it('streams the answer as messageResponse updates, each with the whole text so far', async () => {
    const client = await connect();
    await client.invoke('Introduce', 'en-GB', 3, 'pounds');
    const updates = texts(client.received);
    expect(updates.length).toBeGreaterThan(2);
    for (let i = 1; i < updates.length; i++) expect(updates[i].startsWith(updates[i - 1]) && updates[i].length > updates[i - 1].length).toBe(true);
    expect(updates.at(-1)).toMatch(/How many days a week can you train\?$/);
    expect(transcript(await lastModelRequest()).at(-1)).toMatch(/^user: .*introduce yourself.*en-GB.*pounds/);
  });

  it('asks in en-AU when the locale is malformed', async () => {
    const client = await connect();
    await client.invoke('Introduce', 'english', 3, 'kilograms');
    expect(transcript(await lastModelRequest()).at(-1)).toMatch(/en-AU/);
  });

  it('answers updateRequired, and nothing else, to a client on an older plan version', async () => {
    const client = await connect();
    const before = (await coach.modelRequests()).length;
    await client.invoke('Introduce', 'en-AU', 2, 'kilograms');
    await client.invoke('SendMessage', 'Make me a plan', 2);
    expect(client.received).toEqual([
      { type: 'updateRequired', requiredVersion: 3 },
      { type: 'updateRequired', requiredVersion: 3 },
    ]);
    expect((await coach.modelRequests()).length).toBe(before);
  });
});

describe('SendMessage', () => {
  it('streams a plan as partial chatPlan updates, then the complete plan', async () => {
    const client = await connect();
    await client.invoke('SendMessage', 'Make me a three day plan', 3);
    const plans = client.ofType('chatPlan');
    const expected = exampleOf(aiPlanSchema) as Record<string, unknown>;
    expect(plans.at(-1)).toEqual({ type: 'chatPlan', name: expected.name, description: expected.description, blueprint: expected.blueprint, version: 3 });
    const partial = plans.slice(0, -1);
    expect(partial.length).toBeGreaterThan(1);
    expect(partial.some((plan) => JSON.stringify(plan.blueprint).length < JSON.stringify(expected.blueprint).length)).toBe(true);
    expect(texts(client.received).at(-1)).toBe('Here is a plan for you.');
    const request = await lastModelRequest();
    expect(request.stream).toBe(true);
    expect(request.tools.map((tool: any) => tool.function.name)).toEqual(['create_workout_plan']);
    expect(request.tools[0].function.parameters.properties.blueprint).toEqual({ $ref: '#/definitions/ProgramBlueprint' });
  });

  it('sends the conversation so far with each message, tool calls included', async () => {
    const client = await connect();
    await client.invoke('SendMessage', 'Make me a plan', 3);
    await client.invoke('SendMessage', 'Thanks', 3);
    const messages = (await lastModelRequest()).messages;
    expect(messages.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(messages[2].tool_calls[0].function.name).toBe('create_workout_plan');
    expect(messages[3].tool_call_id).toBe(messages[2].tool_calls[0].id);
  });

  it('keeps at most the last 20 messages of history', async () => {
    const client = await connect();
    for (let i = 1; i <= 12; i++) await client.invoke('SendMessage', `message ${i}`, 3);
    const lines = transcript(await lastModelRequest());
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines[1]).toBe('user: message 2');
    expect(lines.at(-1)).toBe('user: message 12');
  });

  it('completes with an error when the model fails, and keeps nothing of the turn', async () => {
    const client = await connect();
    await expect(client.invoke('SendMessage', 'please [fail]', 3)).rejects.toThrow(/unexpected error occurred invoking 'SendMessage'/);
    await client.invoke('SendMessage', 'hello again', 3);
    expect(transcript(await lastModelRequest()).slice(1)).toEqual(['user: hello again']);
  });
});

describe('StopInProgress', () => {
  it('stops a streaming answer: nothing more is sent and the turn is not kept', async () => {
    const client = await connect();
    // The 12 s answer leaves the stop ample time to land mid-stream however slow the machine.
    const answering = client.invoke('SendMessage', 'Tell me very slowly about squats', 3);
    await client.until((received) => texts(received).length >= 3);
    await client.invoke('StopInProgress');
    const count = client.received.length;
    await answering;
    // The turn's consumer has finished, and whatever it posted has reached the client.
    await coach.runtime.queues.drained(TURN_QUEUE);
    await client.roundTrip();
    expect(client.received.length).toBe(count);
    expect(texts(client.received).at(-1)!.length).toBeLessThan('You said: Tell me very slowly about squats. '.length * 3);

    await client.invoke('SendMessage', 'next question', 3);
    expect(transcript(await lastModelRequest()).slice(1)).toEqual(['user: next question']);
  });

  it('does nothing when no answer is streaming', async () => {
    const client = await connect();
    await client.invoke('SendMessage', 'first', 3);
    await client.invoke('StopInProgress');
    await client.invoke('SendMessage', 'second', 3);
    expect(transcript(await lastModelRequest()).filter((line) => line.startsWith('user'))).toEqual(['user: first', 'user: second']);
  });
});

describe('RestartChat', () => {
  it('forgets the conversation', async () => {
    const client = await connect();
    await client.invoke('SendMessage', 'first', 3);
    await client.invoke('RestartChat');
    await client.invoke('SendMessage', 'second', 3);
    expect(transcript(await lastModelRequest()).slice(1)).toEqual(['user: second']);
  });
});

describe('one connection per chat', () => {
  it("leaves another connection's stream and history alone on StopInProgress and RestartChat", async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await b.invoke('SendMessage', 'remember this', 3);
    const answering = b.invoke('SendMessage', 'Say it slowly please', 3);
    await b.until((received) => texts(received).length >= 4);
    await a.invoke('StopInProgress');
    await a.invoke('RestartChat');
    await answering;
    expect(texts(b.received).at(-1)).toMatch(/How many days a week can you train\?$/);

    await b.invoke('SendMessage', 'and now', 3);
    expect(transcript(await lastModelRequest()).filter((line) => line.startsWith('user'))).toEqual([
      'user: remember this',
      'user: Say it slowly please',
      'user: and now',
    ]);
  });
});

describe('$disconnect', () => {
  it("clears the connection's chat", async () => {
    const noChatsLeft = () =>
      eventually(
        async () => {
          expect(await coach.chatItems()).toEqual([]);
          return true;
        },
        { what: 'no chat items left' },
      );
    // Connections of earlier tests may still be running their $disconnect.
    await noChatsLeft();
    const client = await ChatClient.open(coach.url(HUB), WEB_AUTHORIZATION);
    await client.invoke('SendMessage', 'hello', 3);
    expect((await coach.chatItems()).map((item) => item.sk).sort()).toEqual(['CONNECTION', 'HISTORY']);
    await client.stop();
    await noChatsLeft();
  });
});
