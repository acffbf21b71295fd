/**
 * What the app does with the coach, end to end through the real SignalR client:
 * negotiate, introduce itself, ask for a plan, get streamed text and a streamed
 * plan. LIFTLOG_URL (and LIFTLOG_AUTHORIZATION, default the local web key) runs
 * it against an instance already running (`npm start`, or a deployment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoachRuntime, WEB_AUTHORIZATION, type CoachRuntime } from '../coach-runtime.ts';
import { ChatClient } from '../hub-client.ts';

let coach: CoachRuntime | undefined;
let baseUrl: string;
beforeAll(async () => {
  if (process.env.LIFTLOG_URL) baseUrl = process.env.LIFTLOG_URL;
  else {
    coach = await startCoachRuntime();
    baseUrl = coach.url('');
  }
});
afterAll(() => coach?.stop());

describe('Hub /ai-chat-v2, as the app uses it', () => {
  it('streams a growing answer and a workout plan, then completes the invocation', async () => {
    const client = await ChatClient.open(`${baseUrl}/ai-chat-v2`, process.env.LIFTLOG_AUTHORIZATION ?? WEB_AUTHORIZATION);
    try {
      await client.invoke('Introduce', 'en-AU', 3, 'kilograms');
      await client.invoke('SendMessage', 'Please make me a three day workout plan', 3);

      const answers = client.ofType('messageResponse').map((m) => m.message as string);
      expect(answers.length).toBeGreaterThan(1);
      expect(answers.at(-1)!.length).toBeGreaterThan(0);
      const plans = client.ofType('chatPlan');
      expect(plans.length).toBeGreaterThan(0);
      expect(plans.at(-1)).toMatchObject({ name: expect.any(String), blueprint: expect.any(Object), version: 3 });
    } finally {
      await client.stop();
    }
  });
});
