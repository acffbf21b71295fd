/**
 * Function configuration from the environment the stack (or the local runtime)
 * sets. Each schema is parsed once per execution environment; a missing or bad
 * variable fails with one message naming every problem, so a misconfigured
 * deploy is obvious from the first log line.
 */
import * as z from 'zod/mini';

/** What every function of every service is given. */
export const baseConfig = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  SERVICE_NAME: z.string().check(z.minLength(1)),
  /** `local` swaps provider adapters for ones that write to the outbox. */
  PROVIDERS: z._default(z.enum(['local', 'aws']), 'aws'),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const loaded = new WeakMap<z.core.$ZodType, unknown>();

export function loadConfig<T>(schema: z.core.$ZodType<T>, env: NodeJS.ProcessEnv = process.env): T {
  if (env === process.env && loaded.has(schema)) return loaded.get(schema) as T;
  const result = z.safeParse(schema, env, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.map(String).join('.') || '(environment)';
        const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
        return missing ? `${name} is missing` : `${name}: ${issue.message}`;
      }),
    );
  }
  if (env === process.env) loaded.set(schema, result.data);
  return result.data;
}
