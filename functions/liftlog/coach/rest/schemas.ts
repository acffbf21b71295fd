/**
 * Bodies and answers of `POST /ai/workout` and `POST /ai/session`, as the app's
 * older REST client sends and reads them: `{ attributes: {...} }` in (member
 * names in any case, enums by name in any case or by number), the older plan
 * format out.
 */
import * as z from 'zod/mini';
import { jsonObject } from '../../wire.ts';

/** A .NET enum: its member name in any case, or its number. */
function dotnetEnum<Name extends string>(names: readonly [Name, ...Name[]]) {
  const byName = z.transform((value: unknown) => {
    if (typeof value === 'number' && Number.isInteger(value)) return names[value] ?? value;
    if (typeof value === 'string') return names.find((name) => name.toLowerCase() === value.toLowerCase()) ?? value;
    return value;
  });
  return z.pipe(byName, z.enum(names));
}

const additionalInfo = z.nullish(z.string().check(z.maxLength(2000)));

export const workoutRequest = jsonObject({
  attributes: jsonObject({
    gender: dotnetEnum(['Male', 'Female', 'Other', 'PreferNotToSay']),
    weightRange: z.string().check(z.regex(/\d{1,3}-\d{1,3}/, 'a range such as 70-80')),
    age: z.number().check(z.int(), z.gte(12), z.lte(149)),
    daysPerWeek: z.number().check(z.int(), z.gte(1), z.lte(7)),
    goals: z.array(z.string().check(z.minLength(3), z.maxLength(30))).check(z.minLength(1), z.maxLength(9)),
    experience: dotnetEnum(['Beginner', 'Intermediate', 'Advanced', 'Professional']),
    useImperialUnits: z._default(z.boolean(), false),
    additionalInfo,
  }),
});
export type WorkoutRequest = z.infer<typeof workoutRequest>;

export const sessionRequest = jsonObject({
  attributes: jsonObject({
    areasToWorkout: z.array(z.string().check(z.minLength(3), z.maxLength(15))).check(z.minLength(1), z.maxLength(9)),
    volume: z.number().check(z.int(), z.gte(0), z.lte(100)),
    /** Exercise name → the weight last used (in the user's unit, despite the name). */
    exerciseToKilograms: z
      .record(z.string().check(z.maxLength(49)), z.number())
      .check(z.refine((exercises) => Object.keys(exercises).length <= 100, 'at most 100 exercises')),
    useImperialUnits: z._default(z.boolean(), false),
    additionalInfo,
  }),
});
export type SessionRequest = z.infer<typeof sessionRequest>;

const sessionBlueprint = z.object({
  name: z.string(),
  exercises: z.array(
    z.object({
      name: z.string(),
      sets: z.number().check(z.int()),
      repsPerSet: z.number().check(z.int()),
      weightIncreaseOnSuccess: z.number(),
      restBetweenSets: z.object({ minRest: z.string(), maxRest: z.string(), failureRest: z.string() }),
      supersetWithNext: z.boolean(),
      notes: z.string(),
      link: z.string(),
    }),
  ),
  notes: z.string(),
});

export const sessionResponse = sessionBlueprint;
export const workoutResponse = z.object({ name: z.string(), description: z.string(), sessions: z.array(sessionBlueprint) });
