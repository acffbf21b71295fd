import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/config.ts';
import { readSecretJson } from '../../shared/secrets.ts';
import { startFakeServer, type FakeServer } from '../../infra/local/fakes/provider-api.ts';

const ARN = (name: string) => `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf`;

/** SecretId → SecretString, as the fake Secrets Manager holds them. */
const stored = new Map<string, string>();
let secretsManager: FakeServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  // Secrets Manager speaks AWS JSON 1.1: every action is a POST to `/` named by X-Amz-Target.
  secretsManager = await startFakeServer((request) => {
    if (request.method !== 'POST' || request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
      return { status: 400, body: { __type: 'InvalidRequestException', message: 'unexpected request' } };
    }
    const { SecretId } = JSON.parse(request.body) as { SecretId: string };
    const value = stored.get(SecretId);
    if (value === undefined) return { status: 400, body: { __type: 'ResourceNotFoundException', message: 'Secrets Manager can’t find the specified secret.' } };
    return { status: 200, body: { ARN: SecretId, Name: SecretId.split(':').at(-1), SecretString: value, VersionId: 'v1', CreatedDate: 1_700_000_000 } };
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});
beforeEach(() => {
  secretsManager.requests.length = 0;
});
afterAll(async () => {
  process.env = savedEnv;
  await secretsManager?.close();
});

describe('readSecretJson', () => {
  it('answers {} without asking Secrets Manager when the function is given no SECRET_ID_<NAME> (locally)', async () => {
    delete process.env.SECRET_ID_NOWHERE;
    expect(await readSecretJson('nowhere')).toEqual({});
    expect(secretsManager.requests).toHaveLength(0);
  });

  it('reads the secret named in SECRET_ID_<NAME> with GetSecretValue and answers its JSON object', async () => {
    stored.set(ARN('coach'), JSON.stringify({ OPENAI_API_KEY: 'sk-from-secret', WEB_API_KEY: 'web' }));
    process.env.SECRET_ID_COACH = ARN('coach');
    expect(await readSecretJson('coach')).toEqual({ OPENAI_API_KEY: 'sk-from-secret', WEB_API_KEY: 'web' });
    expect(secretsManager.requests).toHaveLength(1);
    expect(JSON.parse(secretsManager.requests[0].body)).toEqual({ SecretId: ARN('coach') });
  });

  it('names the secret variable in snake case for a multi-word secret name', async () => {
    stored.set(ARN('store-keys'), JSON.stringify({ KEY: 'value' }));
    process.env.SECRET_ID_STORE_KEYS = ARN('store-keys');
    expect(await readSecretJson('store-keys')).toEqual({ KEY: 'value' });
  });

  it('reads each secret once per execution environment, even when asked concurrently', async () => {
    stored.set(ARN('once'), JSON.stringify({ A: '1' }));
    process.env.SECRET_ID_ONCE = ARN('once');
    const answers = await Promise.all([readSecretJson('once'), readSecretJson('once')]);
    stored.set(ARN('once'), JSON.stringify({ A: '2' }));
    answers.push(await readSecretJson('once'));
    expect(answers).toEqual([{ A: '1' }, { A: '1' }, { A: '1' }]);
    expect(secretsManager.requests).toHaveLength(1);
  });

  it('refuses a value that is not a JSON object of strings, and reads the secret again on the next call', async () => {
    process.env.SECRET_ID_BROKEN = ARN('broken');
    stored.set(ARN('broken'), JSON.stringify({ PORT: 443 }));
    await expect(readSecretJson('broken')).rejects.toThrow(ConfigError);
    stored.set(ARN('broken'), 'not json');
    await expect(readSecretJson('broken')).rejects.toThrow(/SECRET_ID_BROKEN is not JSON/);
    stored.set(ARN('broken'), JSON.stringify({ PORT: '443' }));
    expect(await readSecretJson('broken')).toEqual({ PORT: '443' });
    expect(secretsManager.requests).toHaveLength(3);
  });

  it('fails with the service error when the secret does not exist', async () => {
    process.env.SECRET_ID_MISSING = ARN('missing');
    await expect(readSecretJson('missing')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
