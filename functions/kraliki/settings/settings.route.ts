/** /api/settings: the organization's settings; everyone reads, ADMINs write. */
import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { kralikiRoute, signedIn } from '../contract.ts';
import { businessHoursSchema } from './business-hours.ts';

const dialerSchema = z.object({ calls_per_second: z.number(), max_attempts: z.number(), retry_delay_seconds: z.number() });

export const settingsSchema = z.object({
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
