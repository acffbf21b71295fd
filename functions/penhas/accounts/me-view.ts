/**
 * What `GET /me` (and `PUT /me`) answer: the profile as the app reads it, the
 * modules the account may open and their settings, and the quiz that replaces
 * them while one is pending. Pure: everything comes from the user item.
 *
 * Modules follow the account's gender: women (cis and trans) get the community
 * ones (timeline, private chats) besides support chat, support points and news;
 * Manual de Fuga (`mf`) is on for everyone when ENABLE_MANUAL_FUGA is `1`, or for
 * the user ids listed in ENABLE_MANUAL_FUGA_IDS (the original's rollout switch).
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import { isFemale, type UserRecord } from './users.ts';

const meConfig = z.object({
  AVATAR_PADRAO_URL: z._default(z.string(), 'https://api.penhas.com.br/avatar/padrao.svg'),
  AVATAR_ANONIMO_URL: z._default(z.string(), 'https://api.penhas.com.br/avatar/anonimo.svg'),
  ENABLE_MANUAL_FUGA: z._default(z.string(), '1'),
  ENABLE_MANUAL_FUGA_IDS: z._default(z.string(), ''),
});

/** Settings the app reads from each module's `meta` (strings where the original sent strings). */
const MODULE_META: Record<string, Record<string, unknown>> = {
  chat_privado: { polling_rate: '20' },
  chat_suporte: { polling_rate: '20' },
  modo_seguranca: { numero: '190', audio_each_duration: '901', audio_full_duration: '901' },
  tweets: { max_length: 2200 },
  mf: { max_checkbox_contato: 3 },
};

const FEMALE_MODULES = ['tweets', 'chat_privado', 'chat_suporte', 'pontos_de_apoio', 'modo_seguranca', 'noticias'];
const OTHER_MODULES = ['chat_suporte', 'pontos_de_apoio', 'noticias'];

export interface Module {
  code: string;
  meta: Record<string, unknown>;
}

/** The codes of the modules the account may open. */
export function moduleCodes(user: Pick<UserRecord, 'id' | 'genero'>, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!isFemale(user)) return [...OTHER_MODULES];
  const config = loadConfig(meConfig, env);
  const listed = config.ENABLE_MANUAL_FUGA_IDS.split(',').map((id) => id.trim());
  const mf = config.ENABLE_MANUAL_FUGA === '1' || listed.includes(String(user.id));
  return mf ? [...FEMALE_MODULES, 'mf'] : [...FEMALE_MODULES];
}

export const modules = (user: Pick<UserRecord, 'id' | 'genero'>, env?: NodeJS.ProcessEnv): Module[] =>
  moduleCodes(user, env).map((code) => ({ code, meta: MODULE_META[code] ?? {} }));

const flag = (value: unknown): 0 | 1 => (value ? 1 : 0);

/** The answer of `GET /me`; `quiz` is the pending quiz's extra members, which replace the modules; `badges` those she holds (badges/badges.ts). */
export function meView(user: UserRecord, quiz?: { extra: Record<string, unknown> }, env?: NodeJS.ProcessEnv, badges: unknown[] = []): Record<string, unknown> {
  const config = loadConfig(meConfig, env);
  return {
    user_profile: {
      avatar_url: user.avatar_url || config.AVATAR_PADRAO_URL,
      ja_foi_vitima_de_violencia: flag(user.ja_foi_vitima_de_violencia),
      modo_camuflado_ativo: flag(user.modo_camuflado_ativo),
      modo_anonimo_ativo: flag(user.modo_anonimo_ativo),
      email: user.email,
      apelido: user.apelido,
      cep: user.cep,
      dt_nasc: user.dt_nasc,
      nome_completo: user.nome_completo,
      genero: user.genero,
      minibio: user.minibio ?? null,
      raca: user.raca,
      cpf_prefix: user.cpf_prefix,
      nome_social: user.nome_social ?? null,
      skills: [...(user.skills ?? [])].sort((a, b) => a - b),
      badges,
    },
    ...(user.modo_anonimo_ativo ? { anonymous_avatar_url: config.AVATAR_ANONIMO_URL } : {}),
    qtde_guardioes_ativos: user.qtde_guardioes_ativos ?? 0,
    modules: quiz ? [{ code: 'quiz', meta: {} }] : modules(user, env),
    ...(quiz?.extra ?? {}),
  };
}

/** The answer's schema, for the route declarations (the app reads these members). */
export const meViewSchema = z.looseObject({
  user_profile: z.looseObject({
    avatar_url: z.string(),
    ja_foi_vitima_de_violencia: z.union([z.literal(0), z.literal(1)]),
    modo_camuflado_ativo: z.union([z.literal(0), z.literal(1)]),
    modo_anonimo_ativo: z.union([z.literal(0), z.literal(1)]),
    email: z.string(),
    apelido: z.string(),
    cep: z.string(),
    dt_nasc: z.string(),
    nome_completo: z.string(),
    genero: z.string(),
    minibio: z.nullable(z.string()),
    raca: z.string(),
    cpf_prefix: z.string(),
    nome_social: z.nullable(z.string()),
    skills: z.array(z.number()),
    badges: z.array(z.looseObject({})),
  }),
  anonymous_avatar_url: z.optional(z.string()),
  qtde_guardioes_ativos: z.number(),
  modules: z.array(z.object({ code: z.string(), meta: z.record(z.string(), z.unknown()) })),
  quiz_session: z.optional(z.looseObject({})),
});
