/**
 * "Delete and hand back" happens once: of concurrent takers of one item,
 * exactly one gets it. Inbox messages (POST /inbox, through the gateway) and a
 * hub connection's queued turn (chat-state, whose remover completes the
 * client's invocation) are both taken this way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomB64, startLiftlog, type Identity, type LiftlogHarness } from './app-client.ts';

let h: LiftlogHarness;
beforeAll(async () => {
  h = await startLiftlog();
  h.table.useFromThisProcess();
});
afterAll(() => h?.stop());

const TRIALS = 5;
const TAKERS = 20;

describe('POST /inbox under concurrent takes', () => {
  it(`hands each of 30 messages to exactly one of ${TAKERS} concurrent takers, in each of ${TRIALS} trials`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const user: Identity = await h.app.createUser();
      const sent = Array.from({ length: 30 }, () => randomB64(16));
      for (const message of sent) expect((await h.app.send('PUT', '/inbox', { toUserId: user.id, encryptedMessage: [message] })).status).toBe(200);

      const replies = await Promise.all(Array.from({ length: TAKERS }, () => h.app.send('POST', '/inbox', { userId: user.id, password: user.password })));
      for (const reply of replies) expect(reply.status).toBe(200);
      const taken = replies.flatMap((reply) => reply.body.inboxMessages as Array<{ id: string; encryptedMessage: string[] }>);
      expect(taken).toHaveLength(sent.length);
      expect(taken.map((message) => message.encryptedMessage[0]).sort()).toEqual([...sent].sort());
    }
  });
});

describe('a queued hub turn under concurrent removal', () => {
  const request = { api: 'aiChatV2', method: 'SendMessage', invocationId: '1', text: 'hello' };

  it(`is handed to exactly one of ${TAKERS} concurrent RestartChat calls, in each of ${TRIALS} trials`, async () => {
    const { clearChat, startTurn } = await import('../../functions/liftlog/coach/chat/chat-state.ts');
    for (let trial = 0; trial < TRIALS; trial++) {
      const connectionId = `clear-${trial}-${crypto.randomUUID()}`;
      const { turn } = await startTurn(connectionId, request);
      const removed = await Promise.all(Array.from({ length: TAKERS }, () => clearChat(connectionId)));
      expect(removed.filter(Boolean).map((t) => t!.turnId)).toEqual([turn.turnId]);
    }
  });

  it(`is superseded for exactly one of ${TAKERS} concurrent new turns, in each of ${TRIALS} trials`, async () => {
    const { startTurn, turnState } = await import('../../functions/liftlog/coach/chat/chat-state.ts');
    for (let trial = 0; trial < TRIALS; trial++) {
      const connectionId = `start-${trial}-${crypto.randomUUID()}`;
      const { turn: first } = await startTurn(connectionId, request);
      const started = await Promise.all(Array.from({ length: TAKERS }, (_, i) => startTurn(connectionId, { ...request, invocationId: String(i + 2) })));
      // Every turn but the last one written was superseded by exactly one other start, so each is completed once.
      const superseded = started.flatMap((start) => (start.superseded ? [start.superseded.turnId] : []));
      expect(new Set(superseded).size).toBe(superseded.length);
      expect(superseded).toContain(first.turnId);
      const current = started.filter((start) => !superseded.includes(start.turn.turnId));
      expect(current).toHaveLength(1);
      expect(await turnState(connectionId, current[0].turn.turnId)).toBe('running');
      expect(superseded).toHaveLength(TAKERS);
    }
  });
});
