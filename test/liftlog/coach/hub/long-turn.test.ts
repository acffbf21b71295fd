import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import liftlog from '../../../../functions/liftlog/service.ts';
import { functionsOf } from '../../../../shared/manifest.ts';
import { startCoachRuntime, TURN_QUEUE, WEB_AUTHORIZATION, type CoachRuntime } from '../coach-runtime.ts';
import { ChatClient } from '../hub-client.ts';

let coach: CoachRuntime;

beforeAll(async () => {
  coach = await startCoachRuntime();
});
afterAll(() => coach?.stop());

/** The local name of a function of the liftlog manifest. */
function functionNamed(matches: (fn: ReturnType<typeof functionsOf>[number]) => boolean): string {
  return coach.runtime.functionName('liftlog', functionsOf(liftlog).find(matches)!.id);
}

describe('a turn longer than a WebSocket route may run', () => {
  it('streams the whole answer from the coach-turns consumer while $default stays within its timeout', async () => {
    const defaultRoute = functionNamed((fn) => fn.trigger.kind === 'websocket' && fn.trigger.api.name === 'aiChatV2' && fn.trigger.routeKey === '$default');
    const consumer = functionNamed((fn) => fn.trigger.kind === 'queue' && fn.trigger.queue.name === 'coach-turns');
    const routeTimeoutMs = coach.runtime.host.get(defaultRoute)!.timeoutSeconds * 1000;
    // The model stand-in takes about 12 s over "very slowly".
    expect(routeTimeoutMs).toBeLessThan(12_000);

    const client = await ChatClient.open(coach.url('/ai-chat-v2'), WEB_AUTHORIZATION);
    try {
      const startedAt = Date.now();
      const answering = client.invoke('SendMessage', 'Tell me very slowly about squats', 3);
      await client.until((received) => received.length >= 2);
      expect(coach.runtime.queues.stats(TURN_QUEUE).inFlight).toBe(1);
      await answering;

      expect(Date.now() - startedAt).toBeGreaterThan(routeTimeoutMs);
      expect(client.received.at(-1)).toEqual({
        type: 'messageResponse',
        message: Array(3).fill('You said: Tell me very slowly about squats. How many days a week can you train?').join(' '),
      });
      expect(coach.runtime.host.coldStarts.get(consumer)).toBe(1);
    } finally {
      await client.stop();
    }
    // The answer alone streams for 12 s; the rest is room for a busy machine.
  }, 60_000);
});
