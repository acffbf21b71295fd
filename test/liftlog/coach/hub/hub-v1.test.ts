import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyExampleExercise, startCoachRuntime, transcript, TURN_QUEUE, WEB_AUTHORIZATION, type CoachRuntime } from '../coach-runtime.ts';
import { ChatClient, hubClients } from '../hub-client.ts';

const HUB = '/ai-chat';

let coach: CoachRuntime;

beforeAll(async () => {
  coach = await startCoachRuntime();
});
afterAll(() => coach?.stop());

const connect = hubClients(() => coach.url(HUB), WEB_AUTHORIZATION);

const lastModelRequest = async () => (await coach.modelRequests()).at(-1)!;

describe('POST /ai-chat/negotiate', () => {
  it('returns 401 without a valid pro token', async () => {
    expect((await coach.fetch(`${HUB}/negotiate`, { method: 'POST' })).status).toBe(401);
    await expect(ChatClient.open(coach.url(HUB), 'RevenueCat nobody')).rejects.toThrow();
  });
});

describe('the /ai-chat hub (older app)', () => {
  it('streams the introduction in the given locale as growing messageResponse updates', async () => {
    const client = await connect();
    await client.invoke('Introduce', 'de-DE');
    const updates = client.ofType('messageResponse').map((m) => m.message as string);
    expect(updates.length).toBeGreaterThan(2);
    expect(updates.every((text, i) => i === 0 || text.startsWith(updates[i - 1]))).toBe(true);
    expect(transcript(await lastModelRequest()).at(-1)).toMatch(/introduce yourself.*de-DE\.$/);
  });

  it('sends a plan once, at the end, in the older plan format', async () => {
    const client = await connect();
    await client.invoke('SendMessage', 'I want a workout plan');
    const plans = client.ofType('chatPlan');
    expect(plans).toHaveLength(1);
    expect(client.received.at(-1)).toBe(plans[0]);
    const { plan } = plans[0];
    expect(plan).toMatchObject({ name: 'Example name', description: 'Example description' });
    expect(plan.sessions).toHaveLength(2);
    expect(plan.sessions[0]).toEqual({
      name: 'Example name',
      notes: 'Example description',
      exercises: [legacyExampleExercise, expect.anything()],
    });
    const tool = (await lastModelRequest()).tools[0].function;
    expect(tool.name).toBe('create_workout_plan');
    expect(Object.keys(tool.parameters.properties)).toEqual(['name', 'description', 'sessions']);
  });

  it('keeps the conversation, forgets it on RestartChat', async () => {
    const client = await connect();
    await client.invoke('SendMessage', 'first');
    await client.invoke('SendMessage', 'second');
    expect(transcript(await lastModelRequest()).filter((line) => line.startsWith('user'))).toEqual(['user: first', 'user: second']);
    await client.invoke('RestartChat');
    await client.invoke('SendMessage', 'third');
    expect(transcript(await lastModelRequest()).slice(1)).toEqual(['user: third']);
  });

  it('stops a streaming answer on StopInProgress', async () => {
    const client = await connect();
    // The 12 s answer leaves the stop ample time to land mid-stream however slow the machine.
    const answering = client.invoke('SendMessage', 'Answer very slowly');
    await client.until((received) => received.length >= 3);
    await client.invoke('StopInProgress');
    const count = client.received.length;
    await answering;
    // The turn's consumer has finished, and whatever it posted has reached the client.
    await coach.runtime.queues.drained(TURN_QUEUE);
    await client.roundTrip();
    expect(client.received.length).toBe(count);
    expect(client.ofType('messageResponse').at(-1)!.message).not.toMatch(/train\?$/);
  });
});
