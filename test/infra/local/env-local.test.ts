import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOverrides, readEnvLocal } from '../../../infra/local/env-local.ts';
import gatewayEcho from '../../fixtures/gateway-echo-service/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';

describe('.env.local', () => {
  it('is read as dotenv lines, and is optional', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'env-local-'));
    try {
      await writeFile(
        path.join(dir, '.env.local'),
        '# the coach talks to OpenAI itself\nLIFTLOG__OPENAI_API_KEY=sk-real\nLIFTLOG__OPENAI_BASE_URL=\nLOG_LEVEL="DEBUG"\n',
      );
      expect(await readEnvLocal(path.join(dir, '.env.local'))).toEqual({
        LIFTLOG__OPENAI_API_KEY: 'sk-real',
        LIFTLOG__OPENAI_BASE_URL: '',
        LOG_LEVEL: 'DEBUG',
      });
      expect(await readEnvLocal(path.join(dir, 'missing'))).toEqual({});
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sets plain names for every service, <SERVICE>__NAME for one (winning), and removes a variable given an empty value', () => {
    const overrides = {
      LOG_LEVEL: 'DEBUG',
      OPENAI_MODEL: 'everywhere',
      LIFTLOG__OPENAI_MODEL: 'gpt-real',
      LIFTLOG__OPENAI_BASE_URL: '',
      PENHAS__X: 'not liftlog',
    };
    const local = { OPENAI_BASE_URL: 'http://127.0.0.1:3000/_local/openai/v1', OPENAI_MODEL: 'local-model', TABLE_NAME: 'liftlog' };
    expect(applyOverrides(local, overrides, 'liftlog')).toEqual({ LOG_LEVEL: 'DEBUG', OPENAI_MODEL: 'gpt-real', TABLE_NAME: 'liftlog' });
    expect(applyOverrides(local, overrides, 'penhas')).toEqual({ ...local, LOG_LEVEL: 'DEBUG', OPENAI_MODEL: 'everywhere', X: 'not liftlog' });
  });

  describe('on a running runtime', () => {
    const runtime = sharedRuntime({
      services: [gatewayEcho],
      envOverrides: { GATEWAY_ECHO_SERVICE__FIXTURE_LEVEL: 'developer', OTHER_SERVICE__FIXTURE_LEVEL: 'elsewhere' },
    });

    it('overrides what the manifest sets for that service’s functions, a function’s own setting included', async () => {
      const warm = (await (await fetch(`${runtime.url}/gateway-echo-service/warm`)).json()) as { level: string };
      const other = (await (await fetch(`${runtime.url}/gateway-echo-service/other-env`)).json()) as { level: string };
      expect(warm.level).toBe('developer');
      expect(other.level).toBe('developer');
    });
  });
});
