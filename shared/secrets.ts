/**
 * Reads a service secret: a JSON object of strings in Secrets Manager, whose
 * ARN a function finds in `SECRET_ID_<NAME>` when its manifest entry lists the
 * secret in `access.secrets`. Each secret is read once per execution
 * environment, so a new value reaches environments started after it was put.
 *
 * The local runtime gives no function a secret: there the reader answers {}
 * and the environment supplies the same names.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { ConfigError } from './config.ts';
import { envNames } from './manifest.ts';

const secretObject = z.record(z.string(), z.string());

/** Created on the first read, so functions that never reach Secrets Manager never build it. */
let client: SecretsManagerClient | undefined;
const reads = new Map<string, Promise<Record<string, string>>>();

/** The values of the manifest secret `name`; {} when the function is given none (locally). */
export function readSecretJson(name: string): Promise<Record<string, string>> {
  const variable = envNames.secretId(name);
  const secretId = process.env[variable];
  if (!secretId) return Promise.resolve({});
  let read = reads.get(variable);
  if (!read) {
    // A failed read is not kept: the next invocation tries again.
    read = fetchSecret(variable, secretId).catch((error) => {
      reads.delete(variable);
      throw error;
    });
    reads.set(variable, read);
  }
  return read;
}

async function fetchSecret(variable: string, secretId: string): Promise<Record<string, string>> {
  client ??= new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let value: unknown;
  try {
    value = JSON.parse(SecretString ?? '');
  } catch {
    throw new ConfigError([`the secret in ${variable} is not JSON`]);
  }
  const parsed = secretObject.safeParse(value);
  if (!parsed.success) throw new ConfigError([`the secret in ${variable} must be a JSON object of strings`]);
  return parsed.data;
}
