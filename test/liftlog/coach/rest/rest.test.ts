import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyExampleExercise as exercise, startCoachRuntime, WEB_AUTHORIZATION, type CoachRuntime } from '../coach-runtime.ts';

let coach: CoachRuntime;
beforeAll(async () => {
  coach = await startCoachRuntime();
});
afterAll(() => coach?.stop());

const workoutAttributes = {
  gender: 'Female',
  weightRange: '60-70',
  age: 30,
  daysPerWeek: 3,
  goals: ['strength', 'endurance'],
  experience: 'Beginner',
  useImperialUnits: false,
  additionalInfo: 'bad knee',
};

const sessionAttributes = {
  areasToWorkout: ['legs', 'back'],
  volume: 60,
  exerciseToKilograms: { Squat: 80, 'Romanian deadlift': 60 },
  useImperialUnits: true,
  additionalInfo: null,
};

function post(path: string, body: unknown, authorization: string | null = WEB_AUTHORIZATION) {
  return coach.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

const lastModelRequest = async () => (await coach.modelRequests()).at(-1)!;

const session = { name: 'Example name', exercises: [exercise, exercise], notes: 'Example description' };

describe('POST /ai/workout', () => {
  it('returns the generated plan in the older plan format', async () => {
    const response = await post('/ai/workout', { attributes: workoutAttributes });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'Example name', description: 'Example description', sessions: [session, session] });
  });

  it("asks the model for the plan tool, describing the user's attributes", async () => {
    await post('/ai/workout', { attributes: workoutAttributes });
    const request = await lastModelRequest();
    expect(request.stream).toBeFalsy();
    expect(request.tool_choice).toEqual({ type: 'function', function: { name: 'create_workout_plan' } });
    const asked = request.messages.at(-1).content as string;
    for (const fact of ['30 year old female', '60-70 kilograms', 'strength and endurance', '3 days a week', 'Beginner', 'bad knee'])
      expect(asked).toContain(fact);
  });

  it('reads member names in any case and enums by number', async () => {
    const response = await post('/ai/workout', {
      Attributes: { ...workoutAttributes, gender: 1, experience: 'advanced', GOALS: ['strength'], additionalInfo: undefined },
    });
    expect(response.status).toBe(200);
    expect((await lastModelRequest()).messages.at(-1).content).toMatch(/female[\s\S]*Advanced/);
  });

  it('returns 400 listing the failing fields', async () => {
    const response = await post('/ai/workout', { attributes: { ...workoutAttributes, age: 5, daysPerWeek: 9, goals: [] } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors).sort()).toEqual(['attributes.age', 'attributes.daysPerWeek', 'attributes.goals']);
  });

  it('returns 401 without a valid pro token, before looking at the body', async () => {
    expect((await post('/ai/workout', { attributes: workoutAttributes }, null)).status).toBe(401);
    expect((await post('/ai/workout', {}, 'RevenueCat nobody')).status).toBe(401);
  });
});

describe('POST /ai/session', () => {
  it('returns the generated session', async () => {
    const response = await post('/ai/session', { attributes: sessionAttributes });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(session);
    const request = await lastModelRequest();
    expect(request.tool_choice).toEqual({ type: 'function', function: { name: 'create_workout_session' } });
    const asked = request.messages.at(-1).content as string;
    for (const fact of ['legs and back', 'at least five exercises', 'Squat at 80 pounds', 'Romanian deadlift at 60 pounds']) expect(asked).toContain(fact);
  });

  it('returns 400 for an invalid volume or too many areas', async () => {
    const response = await post('/ai/session', { attributes: { ...sessionAttributes, volume: 101, areasToWorkout: Array(10).fill('legs') } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors).sort()).toEqual(['attributes.areasToWorkout', 'attributes.volume']);
  });
});
