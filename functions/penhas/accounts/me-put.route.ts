import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { email, text } from '../params.ts';
import { bool, intList, raca } from './me-params.ts';
import { activeAccountFailures } from './me-responses.ts';
import { meViewSchema } from './me-view.ts';

export const putMeRoute = penhasRoute({
  method: 'PUT',
  path: '/me',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/me-put.ts',
  // Changing the e-mail or password checks the current one (scrypt: memory and CPU).
  memoryMb: 1024,
  summary: 'Changes her nickname, bio, race, skills; her e-mail or password with her current password (`senha_atual`). Answers as GET /me',
  request: {
    body: z.object({
      skills: z.optional(intList()),
      skills_remove: z.optional(bool()),
      apelido: z.optional(text({ min: 2, max: 40 })),
      senha: z.optional(text({ max: 200 })),
      minibio: z.optional(text({ max: 2200 })),
      email: z.optional(email()),
      raca: z.optional(raca()),
      senha_atual: z.optional(z.string()),
    }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok('The profile and modules, as GET /me', meViewSchema),
    ...activeAccountFailures,
  },
});
