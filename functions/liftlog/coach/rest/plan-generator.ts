/**
 * One-shot generation for the REST endpoints: a whole plan from the user's
 * attributes, or one session from the areas they want to train. The model is
 * made to answer with the tool (no streaming), whose arguments become the app's
 * older plan format.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { chatModel, functionTool } from '../model.ts';
import { legacyPlanSchema, legacySessionSchema, toLegacyPlan, toLegacySession, type LegacyPlan, type LegacySession } from '../plan/legacy-plan.ts';
import type { SessionRequest, WorkoutRequest } from './schemas.ts';

const planTool = functionTool('create_workout_plan', 'Returns a gym plan made for the user’s goals and attributes.', legacyPlanSchema);
const sessionTool = functionTool('create_workout_session', 'Returns one gym session made for the user’s goals.', legacySessionSchema);

const GENDER_TEXT: Record<WorkoutRequest['attributes']['gender'], string> = {
  Male: ' male',
  Female: ' female',
  Other: ' with a gender other than male or female',
  PreferNotToSay: '',
};

/** How many exercises a session of a given volume (0-100) should have at least. */
function exerciseCountFor(volume: number): string {
  if (volume < 25) return 'two';
  if (volume < 50) return 'three';
  if (volume < 75) return 'five';
  if (volume < 90) return 'seven';
  return 'ten';
}

const alsoKnow = (additionalInfo: string | null | undefined) => (additionalInfo ? `Something else you should know: ${additionalInfo}` : '');

async function callTool(tool: typeof planTool, messages: ChatCompletionMessageParam[]): Promise<unknown> {
  const { openai, model } = await chatModel();
  const completion = await openai.chat.completions.create(
    { model, messages, tools: [tool], tool_choice: { type: 'function', function: { name: tool.function.name } } },
    // Within the HTTP API's 30 s, so a slow model is a clean error rather than a cut-off invocation.
    { timeout: 25_000, maxRetries: 0 },
  );
  const call = completion.choices[0]?.message.tool_calls?.find((c) => c.type === 'function' && c.function.name === tool.function.name);
  if (call?.type !== 'function') throw new Error(`the model did not call ${tool.function.name}`);
  return JSON.parse(call.function.arguments);
}

export async function generateWorkoutPlan({ attributes }: WorkoutRequest): Promise<LegacyPlan> {
  const unit = attributes.useImperialUnits ? 'pounds' : 'kilograms';
  const request = [
    `I am a ${attributes.age} year old${GENDER_TEXT[attributes.gender]} weighing ${attributes.weightRange} ${unit}.`,
    `I want to work on ${attributes.goals.join(' and ')}, ${attributes.daysPerWeek} days a week.`,
    `My experience with weight training is ${attributes.experience}.`,
    alsoKnow(attributes.additionalInfo),
    'Please make me a workout plan.',
  ];
  const args = await callTool(planTool, [
    { role: 'system', content: 'You only help people create gym plans.' },
    { role: 'user', content: request.filter(Boolean).join('\n') },
  ]);
  return toLegacyPlan(args);
}

export async function generateSession({ attributes }: SessionRequest): Promise<LegacySession> {
  const unit = attributes.useImperialUnits ? 'pounds' : 'kilograms';
  const familiar = Object.entries(attributes.exerciseToKilograms).map(([name, weight]) => `${name} at ${weight} ${unit}`);
  const request = [
    `I would like to work out at the gym today, on ${attributes.areasToWorkout.join(' and ')}.`,
    `Give me at least ${exerciseCountFor(attributes.volume)} exercises.`,
    familiar.length ? `Exercises I know, with the weight I used: ${familiar.join(', ')}.` : '',
    alsoKnow(attributes.additionalInfo),
    'Please suggest a workout session.',
  ];
  const args = await callTool(sessionTool, [
    {
      role: 'system',
      content:
        'You only help people create one gym session. Take the exercises and weights the user knows into account, ' +
        'but only choose exercises for the areas they want to train.',
    },
    { role: 'user', content: request.filter(Boolean).join('\n') },
  ]);
  return toLegacySession(args);
}
