import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ConfigError, baseConfig, loadConfig } from '../../shared/config.ts';

const complete = { TABLE_NAME: 't', SERVICE_NAME: 'pytake', PROVIDERS: 'local' };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns the typed configuration', () => {
    expect(loadConfig(baseConfig, complete)).toEqual(complete);
  });

  it("defaults PROVIDERS to 'aws'", () => {
    expect(loadConfig(baseConfig, { TABLE_NAME: 't', SERVICE_NAME: 's' }).PROVIDERS).toBe('aws');
  });

  it('lists every missing and invalid variable in one readable message', () => {
    const problems = problemsOf(() => loadConfig(baseConfig, { PROVIDERS: 'cloud' }));
    expect(problems).toEqual(expect.arrayContaining(['TABLE_NAME is missing', 'SERVICE_NAME is missing', expect.stringMatching(/^PROVIDERS: /)]));
    expect(() => loadConfig(baseConfig, {})).toThrow(/invalid configuration: TABLE_NAME is missing; SERVICE_NAME is missing/);
  });

  it('extends the base schema with service settings, coerced from strings', () => {
    const schema = z.extend(baseConfig, { OPENAI_BASE_URL: z.url(), RATE_LIMIT: z.coerce.number().check(z.int()) });
    expect(loadConfig(schema, { ...complete, OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', RATE_LIMIT: '30' }).RATE_LIMIT).toBe(30);
    expect(problemsOf(() => loadConfig(schema, { ...complete, OPENAI_BASE_URL: 'nope', RATE_LIMIT: '30' }))).toEqual([
      expect.stringMatching(/^OPENAI_BASE_URL: /),
    ]);
  });

  it('reads process.env once per schema', () => {
    const schema = z.object({ CONFIG_TEST_VALUE: z.string() });
    process.env.CONFIG_TEST_VALUE = 'first';
    expect(loadConfig(schema).CONFIG_TEST_VALUE).toBe('first');
    process.env.CONFIG_TEST_VALUE = 'second';
    expect(loadConfig(schema).CONFIG_TEST_VALUE).toBe('first');
    delete process.env.CONFIG_TEST_VALUE;
  });
});
