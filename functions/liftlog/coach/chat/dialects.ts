/**
 * How each hub presents plans. The current app (`/ai-chat-v2`) receives the AI
 * plan contract as it streams and once complete; the older app (`/ai-chat`)
 * receives its simpler plan once, at the end.
 */
import { functionTool } from '../model.ts';
import { AI_PLAN_VERSION, aiPlanSchema } from '../plan/ai-plan-schema.ts';
import { legacyPlanSchema, toLegacyPlan } from '../plan/legacy-plan.ts';
import type { Dialect } from './conversation.ts';

const TOOL_NAME = 'create_workout_plan';
const TOOL_DESCRIPTION =
  'Creates a workout plan and sends it to the user. Use it as soon as you know enough to make a plan. ' +
  'The plan holds the whole program: its sessions and their exercises, with progression and rest.';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

function chatPlan(args: Record<string, unknown>) {
  return {
    type: 'chatPlan',
    name: textOf(args.name),
    description: textOf(args.description),
    blueprint: args.blueprint ?? null,
    version: typeof args.version === 'number' ? args.version : AI_PLAN_VERSION,
  };
}

export const currentDialect: Dialect = {
  tool: functionTool(TOOL_NAME, TOOL_DESCRIPTION, aiPlanSchema),
  partialPlan: (args) => (isRecord(args) ? chatPlan(args) : undefined),
  completePlan: (args) => chatPlan(isRecord(args) ? args : {}),
};

export const legacyDialect: Dialect = {
  tool: functionTool(TOOL_NAME, TOOL_DESCRIPTION, legacyPlanSchema),
  completePlan: (args) => ({ type: 'chatPlan', plan: toLegacyPlan(args) }),
};
