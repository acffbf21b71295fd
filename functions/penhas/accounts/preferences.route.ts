import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { bool } from './me-params.ts';
import { activeAccountFailures } from './me-responses.ts';
import { PREFERENCE_NAMES } from './preferences.ts';

const preferenceList = z.object({
  preferences: z.array(z.object({ key: z.string(), value: z.enum(['0', '1']), label: z.string(), type: z.literal('boolean') })),
});

export const getPreferencesRoute = penhasRoute({
  method: 'GET',
  path: '/me/preferences',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/preferences-get.ts',
  summary: 'Her notification preferences (none for men): key, 0/1 value, label',
  request: {},
  responses: { 200: ok('Her preferences', preferenceList), ...activeAccountFailures },
});

export const postPreferencesRoute = penhasRoute({
  method: 'POST',
  path: '/me/preferences',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/preferences-post.ts',
  summary: 'Sets the preferences given as parameters (`<key>=0|1`; unknown keys are ignored); answers the list',
  request: {
    body: z.object(Object.fromEntries(PREFERENCE_NAMES.map((name) => [name, z.optional(bool())]))),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: { 200: ok('Her preferences, as stored', preferenceList), ...activeAccountFailures },
});
