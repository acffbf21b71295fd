/**
 * The arguments of the `create_workout_plan` tool on the v2 hub: the app's
 * AI plan contract (plan name, description and a ProgramBlueprint), as JSON
 * Schema. The app deserializes the blueprint directly, so its shape is the
 * app's: durations are ISO-8601 (`PT1M30S`), decimals are strings (`"2.5"`),
 * dates are `YYYY-MM-DD`. Clients whose contract version is older than
 * `AI_PLAN_VERSION` are asked to update instead of being answered.
 */

const duration = { type: 'string', format: 'duration', description: 'ISO-8601 duration, e.g. PT1M30S' } as const;
const decimal = { type: 'string', format: 'decimal', description: 'A decimal number written as a string, e.g. "2.5"' } as const;

const rest = {
  type: 'object',
  properties: {
    minRest: duration,
    maxRest: duration,
    failureRest: { ...duration, description: 'Rest after a set where the target reps were missed.' },
  },
  required: ['minRest', 'maxRest', 'failureRest'],
} as const;

const definitions = {
  ProgramBlueprint: {
    type: 'object',
    properties: {
      version: { type: 'number', const: 3 },
      name: { type: 'string', description: 'Name of the program; usually the plan name.' },
      sessions: { type: 'array', items: { $ref: '#/definitions/SessionBlueprint' } },
      lastEdited: { type: 'string', format: 'date' },
    },
    required: ['version', 'name', 'sessions', 'lastEdited'],
  },
  SessionBlueprint: {
    type: 'object',
    properties: {
      version: { type: 'number', const: 6 },
      name: { type: 'string' },
      exercises: { type: 'array', items: { $ref: '#/definitions/ExerciseBlueprint' } },
      notes: { type: 'string' },
    },
    required: ['version', 'name', 'exercises', 'notes'],
  },
  ExerciseBlueprint: {
    type: 'object',
    oneOf: [{ $ref: '#/definitions/WeightedExerciseBlueprint' }, { $ref: '#/definitions/CardioExerciseBlueprint' }],
    required: ['type'],
  },
  WeightedExerciseBlueprint: {
    type: 'object',
    properties: {
      type: { type: 'string', const: 'WeightedExerciseBlueprint' },
      name: { type: 'string' },
      plannedSets: { type: 'array', items: { $ref: '#/definitions/PlannedSet' }, description: 'One entry per set.' },
      restBetweenSets: rest,
      supersetWithNext: { type: 'boolean', description: 'Performed back to back with the next exercise, without rest.' },
      notes: { type: 'string' },
      link: { type: 'string', description: 'A link explaining the exercise; leave empty unless the user gave one.' },
      progression: {
        type: 'array',
        items: { $ref: '#/definitions/ProgressionRule' },
        description: 'Ordered; the first rule that can still move is applied. Empty for no automatic progression.',
      },
      loadBasis: {
        type: 'string',
        enum: ['none', 'external', 'bodyweight'],
        description: 'external: the whole weight is the load; bodyweight: weight added on top of the lifter; none: no load (e.g. crunches).',
      },
    },
    required: ['type', 'name', 'plannedSets', 'restBetweenSets', 'supersetWithNext', 'notes', 'link', 'progression', 'loadBasis'],
  },
  PlannedSet: {
    type: 'object',
    properties: {
      reps: {
        type: 'object',
        properties: { min: { type: 'integer' }, max: { type: 'integer' } },
        required: ['min', 'max'],
        description: 'A rep band; min equal to max is a fixed target.',
      },
    },
    required: ['reps'],
  },
  ProgressionRule: {
    type: 'object',
    properties: {
      axis: { type: 'string', enum: ['reps', 'load'] },
      step: { ...decimal, description: 'Whole reps, or load increments in the lifter’s own unit.' },
      scope: {
        type: 'object',
        oneOf: [
          { type: 'object', properties: { type: { type: 'string', const: 'allSets' } }, required: ['type'] },
          {
            type: 'object',
            properties: { type: { type: 'string', const: 'lowestSets' }, pick: { type: 'string', enum: ['first', 'middle', 'last', 'all'] } },
            required: ['type', 'pick'],
          },
        ],
        required: ['type'],
      },
      ceiling: { ...decimal, description: 'Where the axis stops climbing; past it the next rule applies.' },
      onCeiling: { type: 'string', const: 'reset', description: 'Return the axis to the planned value once a later rule fires.' },
      trigger: { type: 'string', const: 'allSetsMetTarget' },
    },
    required: ['axis', 'step', 'scope', 'trigger'],
  },
  CardioExerciseBlueprint: {
    type: 'object',
    properties: {
      type: { type: 'string', const: 'CardioExerciseBlueprint' },
      name: { type: 'string' },
      sets: { type: 'array', items: { $ref: '#/definitions/CardioExerciseSetBlueprint' } },
      notes: { type: 'string' },
      link: { type: 'string' },
    },
    required: ['type', 'name', 'sets', 'notes', 'link'],
  },
  CardioExerciseSetBlueprint: {
    type: 'object',
    properties: {
      target: {
        type: 'object',
        oneOf: [
          { type: 'object', properties: { type: { type: 'string', const: 'time' }, value: duration }, required: ['type', 'value'] },
          {
            type: 'object',
            properties: {
              type: { type: 'string', const: 'distance' },
              value: {
                type: 'object',
                properties: { value: decimal, unit: { type: 'string', enum: ['metre', 'yard', 'mile', 'kilometre'] } },
                required: ['value', 'unit'],
              },
            },
            required: ['type', 'value'],
          },
        ],
        required: ['type'],
      },
      trackDuration: { type: 'boolean' },
      trackDistance: { type: 'boolean' },
      trackResistance: { type: 'boolean' },
      trackIncline: { type: 'boolean' },
      trackWeight: { type: 'boolean' },
      trackSteps: { type: 'boolean' },
      restBetweenSets: { ...rest, description: 'Omit for steady-state cardio.' },
    },
    required: ['target', 'trackDuration', 'trackDistance', 'trackResistance', 'trackIncline', 'trackWeight', 'trackSteps'],
  },
} as const;

export const AI_PLAN_VERSION = 3;

export const aiPlanSchema = {
  type: 'object',
  properties: {
    version: { type: 'number', const: AI_PLAN_VERSION },
    name: { type: 'string', description: 'A short name for the plan.' },
    description: { type: 'string', description: 'What the plan is for, with advice for the user’s level and goals.' },
    blueprint: { $ref: '#/definitions/ProgramBlueprint' },
  },
  required: ['version', 'name', 'description', 'blueprint'],
  definitions,
} as const;
