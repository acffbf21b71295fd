/**
 * PUT /api/settings, apart from settings.route.ts because its numbers are
 * checked with libphonenumber-js's full metadata (phone-numbers.ts), which
 * reading the settings has no use for at its cold start.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { kralikiRoute, signedIn } from '../contract.ts';
import { businessHoursSchema } from './business-hours.ts';
import { toE164 } from './phone-numbers.ts';
import { settingsSchema } from './settings.route.ts';

const e164 = z.string().check(
  z.maxLength(32),
  z.refine((value) => toE164(value) !== undefined, { message: 'not a valid international (E.164) phone number' }),
);
const numbers = z.array(e164).check(z.maxLength(20));

/** Outbound campaign dialing: a change names only what it changes. */
const dialerChanges = z.object({
  calls_per_second: z.optional(z.number().check(z.gte(0.1), z.lte(100))),
  max_attempts: z.optional(z.int().check(z.gte(1), z.lte(10))),
  retry_delay_seconds: z.optional(z.int().check(z.gte(1), z.lte(7 * 24 * 3600))),
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
