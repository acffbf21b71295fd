/** IVR menus, configuration and flows on the wire (the reference's schemas/ivr.py). */
import * as z from 'zod/mini';

export const IVR_ACTIONS = ['transfer', 'queue', 'menu', 'voicemail', 'hangup'] as const;
export type IvrAction = (typeof IVR_ACTIONS)[number];

/** What happens when the caller says nothing, or keeps choosing what is not offered, `max_retries` times. */
export const FALLBACK_ACTIONS = ['repeat', 'transfer', 'voicemail', 'hangup'] as const;
export type FallbackAction = (typeof FALLBACK_ACTIONS)[number];

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const target = z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(64))));
const metadata = z.optional(z.nullable(z.record(z.string(), z.unknown())));

export const optionInput = z.object({
  digit: z.string().check(z.regex(/^[0-9*#]$/, 'one key: 0-9, * or #')),
  description: text(200),
  action: z.enum(IVR_ACTIONS),
  /** `menu`: the submenu's id; `queue`: the queue's name (letters, digits, `_`, `-`; default `default`); `transfer`: a routing hint kept with the call. */
  target,
  metadata,
});
export type MenuOptionInput = z.infer<typeof optionInput>;

const menuFields = {
  name: text(100),
  greeting: text(1000),
  options: z.array(optionInput).check(z.maxLength(12)),
  timeout: z._default(z.int().check(z.gte(1), z.lte(60)), 5),
  max_retries: z._default(z.int().check(z.gte(1), z.lte(10)), 3),
  no_input_action: z._default(z.enum(FALLBACK_ACTIONS), 'repeat'),
  no_input_target: target,
  invalid_input_action: z._default(z.enum(FALLBACK_ACTIONS), 'repeat'),
  invalid_input_target: target,
};

export const createMenuBody = z.object(menuFields);
export type CreateMenuInput = z.infer<typeof createMenuBody>;

export const updateMenuBody = z.object({
  name: z.optional(menuFields.name),
  greeting: z.optional(menuFields.greeting),
  options: z.optional(menuFields.options),
  timeout: z.optional(z.int().check(z.gte(1), z.lte(60))),
  max_retries: z.optional(z.int().check(z.gte(1), z.lte(10))),
  no_input_action: z.optional(z.enum(FALLBACK_ACTIONS)),
  no_input_target: target,
  invalid_input_action: z.optional(z.enum(FALLBACK_ACTIONS)),
  invalid_input_target: target,
});
export type UpdateMenuInput = z.infer<typeof updateMenuBody>;

export const menuOptionSchema = z.object({
  id: z.string(),
  digit: z.string(),
  description: z.string(),
  action: z.enum(IVR_ACTIONS),
  target: z.nullable(z.string()),
  metadata: z.nullable(z.record(z.string(), z.unknown())),
});
export type MenuOption = z.infer<typeof menuOptionSchema>;

export const menuSchema = z.object({
  id: z.string(),
  name: z.string(),
  greeting: z.string(),
  options: z.array(menuOptionSchema),
  timeout: z.number(),
  max_retries: z.number(),
  no_input_action: z.enum(FALLBACK_ACTIONS),
  no_input_target: z.nullable(z.string()),
  invalid_input_action: z.enum(FALLBACK_ACTIONS),
  invalid_input_target: z.nullable(z.string()),
  active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type IvrMenu = z.infer<typeof menuSchema>;

export const configSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  main_menu_id: z.nullable(z.string()),
  main_menu: z.nullable(menuSchema),
  settings: z.nullable(z.record(z.string(), z.unknown())),
  active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type IvrConfigView = z.infer<typeof configSchema>;

export const updateConfigBody = z.object({
  main_menu_id: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(64)))),
  settings: metadata,
});

export const flowStepInput = z.object({
  type: z.enum(IVR_ACTIONS),
  target,
  conditions: metadata,
});

export const createFlowBody = z.object({
  name: text(100),
  description: z.optional(z.nullable(z.string().check(z.maxLength(1000)))),
  start_menu_id: z.string().check(z.minLength(1), z.maxLength(64)),
  steps: z.array(flowStepInput).check(z.maxLength(50)),
});
export type CreateFlowInput = z.infer<typeof createFlowBody>;

export const flowSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  start_menu_id: z.string(),
  steps: z.array(
    z.object({ type: z.enum(IVR_ACTIONS), target: z.nullable(z.string()), conditions: z.nullable(z.record(z.string(), z.unknown())), order: z.number() }),
  ),
  active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type IvrFlow = z.infer<typeof flowSchema>;

/** The reference's write answers: `{success, message, <what>}`. */
export const done = <S extends z.core.$ZodType>(what: string, schema: S) => z.object({ success: z.boolean(), message: z.string(), [what]: schema });
