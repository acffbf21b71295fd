/**
 * `.env.local` (git-ignored, optional): a developer's own settings for the
 * functions `npm start` runs, so one provider can be real while the rest stay
 * local. `NAME=value` applies to every function; `<SERVICE>__NAME=value`
 * (service name upper-cased, `-` as `_`: `LIFTLOG__OPENAI_API_KEY`) to one
 * service's functions and wins over the plain form. Both override what the
 * manifests set, their `localEnvironment` included; an empty value removes
 * the variable (`LIFTLOG__OPENAI_BASE_URL=` sends the coach to OpenAI itself).
 */
import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';

export type EnvOverrides = Record<string, string>;

/** The file's variables, or none when there is no file. */
export async function readEnvLocal(file: string): Promise<EnvOverrides> {
  try {
    return parseEnv(await readFile(file, 'utf8')) as EnvOverrides;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

const servicePrefix = (service: string) => `${service.toUpperCase().replaceAll('-', '_')}__`;

/** Applies the overrides that concern `service` to a function's environment. */
export function applyOverrides(environment: Record<string, string>, overrides: EnvOverrides, service: string): Record<string, string> {
  const prefix = servicePrefix(service);
  const everywhere = Object.entries(overrides).filter(([name]) => !name.includes('__'));
  const own = Object.entries(overrides)
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, value]): [string, string] => [name.slice(prefix.length), value]);
  const result = { ...environment };
  for (const [name, value] of [...everywhere, ...own]) {
    if (value === '') delete result[name];
    else result[name] = value;
  }
  return result;
}

/** The names `.env.local` sets for some service, for the startup banner (never the values: they may be keys). */
export function overriddenNames(overrides: EnvOverrides): string[] {
  return Object.keys(overrides).sort();
}
