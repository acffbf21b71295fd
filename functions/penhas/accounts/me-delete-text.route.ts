import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { activeAccountFailures } from './me-responses.ts';

export const getDeleteTextRoute = penhasRoute({
  method: 'GET',
  path: '/me/delete-text',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/me-delete-text.ts',
  summary: 'What deleting the account means, as HTML the app shows before asking for her password',
  request: {},
  responses: { 200: ok('The text (HTML)', z.object({ text: z.string() })), ...activeAccountFailures },
});
