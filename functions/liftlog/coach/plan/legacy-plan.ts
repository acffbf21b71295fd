/**
 * The older plan format: what the v1 hub and the REST endpoints return. The
 * model fills a simple shape (sets × reps, rests in seconds); the app reads a
 * plan of session blueprints whose exercises have `repsPerSet` and rests as
 * .NET TimeSpans (`00:01:30`).
 */
import * as z from 'zod/mini';

const exerciseSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    sets: { type: 'integer', description: 'Number of sets.' },
    repsPerSet: { type: 'integer', description: 'Reps per set; seconds for a timed exercise.' },
    weightIncreaseOnSuccess: {
      type: 'number',
      description: 'Weight added after all reps of all sets succeed, in the user’s unit (seconds for a timed exercise).',
    },
    restBetweenSets: {
      type: 'object',
      properties: {
        minRestSeconds: { type: 'integer', description: 'Shortest rest after a successful set.' },
        maxRestSeconds: { type: 'integer', description: 'Longest rest after a successful set; more than the minimum.' },
        failureRestSeconds: { type: 'integer', description: 'Rest after a failed set; more than the maximum.' },
      },
      required: ['minRestSeconds', 'maxRestSeconds', 'failureRestSeconds'],
    },
    notes: { type: 'string', description: 'Optional, very short hint on how to do it.' },
  },
  required: ['name', 'sets', 'repsPerSet', 'weightIncreaseOnSuccess', 'restBetweenSets', 'notes'],
} as const;

export const legacySessionSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'The day or the kind of session, e.g. "Legs".' },
    description: { type: 'string', description: 'What the session works.' },
    exercises: { type: 'array', items: exerciseSchema },
  },
  required: ['name', 'description', 'exercises'],
} as const;

export const legacyPlanSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'A short name for the plan.' },
    description: { type: 'string', description: 'What the plan is for, with advice for the user’s level and goals.' },
    sessions: { type: 'array', items: legacySessionSchema },
  },
  required: ['name', 'description', 'sessions'],
} as const;

// The model's output is read leniently: a missing field becomes an empty or zero value, as the app expects.
const text = z.catch(z.string(), '');
const count = z.catch(z.number(), 0);
const generatedExercise = z.object({
  name: text,
  sets: count,
  repsPerSet: count,
  weightIncreaseOnSuccess: count,
  restBetweenSets: z.catch(z.object({ minRestSeconds: count, maxRestSeconds: count, failureRestSeconds: count }), {
    minRestSeconds: 0,
    maxRestSeconds: 0,
    failureRestSeconds: 0,
  }),
  notes: text,
});
const generatedSession = z.object({ name: text, description: text, exercises: z.catch(z.array(generatedExercise), []) });
const generatedPlan = z.object({ name: text, description: text, sessions: z.catch(z.array(generatedSession), []) });

/** Seconds as a .NET TimeSpan: `hh:mm:ss`, with a `d.` prefix from a day on. */
export function timeSpan(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const days = Math.floor(whole / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((whole % 86_400) / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

function toSessionBlueprint(session: z.infer<typeof generatedSession>) {
  return {
    name: session.name,
    exercises: session.exercises.map((exercise) => ({
      name: exercise.name,
      sets: Math.round(exercise.sets),
      repsPerSet: Math.round(exercise.repsPerSet),
      weightIncreaseOnSuccess: exercise.weightIncreaseOnSuccess,
      restBetweenSets: {
        minRest: timeSpan(exercise.restBetweenSets.minRestSeconds),
        maxRest: timeSpan(exercise.restBetweenSets.maxRestSeconds),
        failureRest: timeSpan(exercise.restBetweenSets.failureRestSeconds),
      },
      supersetWithNext: false,
      notes: exercise.notes,
      link: '',
    })),
    notes: session.description,
  };
}

export type LegacySession = ReturnType<typeof toSessionBlueprint>;
export interface LegacyPlan {
  name: string;
  description: string;
  sessions: LegacySession[];
}

/** The app's session blueprint from the model's `create_workout_session` arguments. */
export function toLegacySession(args: unknown): LegacySession {
  return toSessionBlueprint(z.catch(generatedSession, { name: '', description: '', exercises: [] }).parse(args));
}

/** The app's plan from the model's `create_workout_plan` arguments. */
export function toLegacyPlan(args: unknown): LegacyPlan {
  const plan = z.catch(generatedPlan, { name: '', description: '', sessions: [] }).parse(args);
  return { name: plan.name, description: plan.description, sessions: plan.sessions.map(toSessionBlueprint) };
}
