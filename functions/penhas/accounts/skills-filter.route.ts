import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { sessionFailures } from './me-responses.ts';

export const filterSkillsRoute = penhasRoute({
  method: 'GET',
  path: '/filter-skills',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/skills-filter.ts',
  summary: 'The skills a profile may list, in catalog order',
  request: {},
  responses: { 200: ok('The skills', z.object({ skills: z.array(z.object({ id: z.number(), skill: z.string() })) })), ...sessionFailures },
});
