/** /api/settings: the organization's settings; everyone reads, ADMINs write. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { kralikiRoute, signedIn } from '../contract.ts';
import { businessHoursSchema } from './business-hours.ts';
import { toE164 } from './phone-numbers.ts';

const e164 = z.string().check(
  z.maxLength(32),
  z.refine((value) => toE164(value) !== undefined, { message: 'not a valid international (E.164) phone number' }),
);
const numbers = z.array(e164).check(z.maxLength(20));

const dialerSchema = z.object({ calls_per_second: z.number(), max_attempts: z.number(), retry_delay_seconds: z.number() });
/** Outbound campaign dialing: a change names only what it changes. */
const dialerChanges = z.object({
  calls_per_second: z.optional(z.number().check(z.gte(0.1), z.lte(100))),
  max_attempts: z.optional(z.int().check(z.gte(1), z.lte(10))),
  retry_delay_seconds: z.optional(z.int().check(z.gte(1), z.lte(7 * 24 * 3600))),
});

const settingsSchema = z.object({
  phone_numbers: z.array(z.string()),
  business_hours: z.nullable(businessHoursSchema),
  caller_ids: z.array(z.string()),
  recording: z.boolean(),
  dialer: dialerSchema,
  updated_at: z.nullable(z.string()),
});

export const getSettingsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/settings',
  auth: 'jwt',
  handler: 'functions/kraliki/settings/get-settings.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary:
    'The organization’s settings: phone numbers (E.164), business hours, caller ids, recording on or off, outbound dialing (calls per second, attempts, retry delay)',
  request: {},
  responses: { 200: ok('The settings (defaults until an admin writes them)', settingsSchema), ...signedIn() },
});

export const putSettingsRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/settings',
  auth: 'jwt',
  handler: 'functions/kraliki/settings/put-settings.ts',
  access: { secrets: ['auth'] },
  summary:
    'Changes the settings (ADMIN only); fields left out keep their values. Numbers are stored in E.164; a number belongs to one organization, and removing it frees it',
  request: {
    body: z
      .object({
        phone_numbers: z.optional(numbers),
        business_hours: z.optional(z.nullable(businessHoursSchema)),
        caller_ids: z.optional(numbers),
        recording: z.optional(z.boolean()),
        dialer: z.optional(dialerChanges),
      })
      .check(z.refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'nothing to change: give at least one setting' })),
  },
  responses: {
    200: ok('The settings as stored', settingsSchema),
    ...signedIn('ADMIN'),
    409: failure('phone_number_taken: a number belongs to another organization; concurrent_update'),
  },
});
