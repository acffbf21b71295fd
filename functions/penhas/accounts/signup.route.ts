import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { email, integer, isoDate, oneOf, optionalText, text } from '../params.ts';
import { secrets } from '../resources.ts';
import { isValidCpf } from './cpf.ts';
import { GENEROS, RACAS } from './users.ts';

// The original's `Nome`: under 200 characters, at least two words, Latin letters, spaces and apostrophes only.
const isName = (value: string) => value.length < 200 && / /.test(value.trim()) && /^[\p{Script=Latin} ']+$/u.test(value.trim());

/** The fields both steps send; `dry=1` checks them (and the CPF with the registry) without creating anything. */
export const signUpFields = {
  dry: integer(),
  nome_completo: text({ min: 5, max: 200 }).check(z.refine(isName, { params: { reason: 'invalid' } })),
  dt_nasc: isoDate(),
  cpf: text().check(z.refine(isValidCpf, { params: { reason: 'invalid' } })),
  cep: text().check(z.refine((value) => value.replace(/\D/g, '').length === 8, { params: { reason: 'invalid' } })),
  app_version: text({ min: 1, max: 800 }),
};

/** What `dry=0` adds, each required then (`nome_social` only for trans and other genders). */
export const accountFields = {
  email: email(),
  genero: oneOf(GENEROS),
  nome_social: optionalText({ min: 1, max: 200 }),
  raca: oneOf(RACAS),
  apelido: text({ min: 2, max: 40 }),
  senha: text({ max: 200 }),
};

export const signUpRoute = penhasRoute({
  method: 'POST',
  path: '/signup',
  auth: 'none',
  handler: 'functions/penhas/accounts/signup.ts',
  // scrypt is memory and CPU; Lambda's CPU share grows with memory.
  memoryMb: 1024,
  timeoutSeconds: 30,
  access: { secrets: [secrets.cpfRegistry] },
  summary: 'Creates an account (`dry=1`: checks the fields, the CPF with the registry and the CEP, creates nothing) and opens its session',
  request: {
    body: z.object({
      ...signUpFields,
      email: z.optional(accountFields.email),
      genero: z.optional(accountFields.genero),
      nome_social: accountFields.nome_social,
      raca: z.optional(accountFields.raca),
      apelido: z.optional(accountFields.apelido),
      senha: z.optional(accountFields.senha),
    }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok('`dry=1`: `{continue: 1}`; otherwise the new session', z.union([z.object({ continue: z.literal(1) }), z.object({ session: z.string() })])),
    400: failure(
      'form_error, the password policy (warning_space_password, pass_too_weak…), cep_invalid, email_already_exists, cpf_not_match, name_not_match, cpf_offline, cpf_already_exists',
    ),
    429: failure('too_many_requests: more than 3 sign-ups a minute from the address, or too many CPF mismatches in a day'),
  },
});
