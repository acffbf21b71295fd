/**
 * The CPF registry port: does this CPF belong to someone born on this date,
 * and under which name? The real adapter is iWebService's lookup (the
 * original's provider; each lookup may cost money), its answers cached in the
 * table: a match for 90 days, a miss for 5 minutes (the original's retry
 * delay: a person just registered may appear soon). Neither the CPF nor the
 * name is stored: the cache is keyed by a hash of CPF and birth date, and
 * keeps a hash of the registry's name.
 *
 * Configuration: `IWEBSERVICE_URL` (the lookup's address, locally the
 * runtime's stand-in) and `IWEBSERVICE_KEY` (the `cpf-registry` secret on
 * AWS, the environment locally).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import * as table from '#shared/db/table';
import { expiresAt, isLive } from '#shared/db/ttl';
import { AppError } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { readSecretJson } from '#shared/secrets';
import { cpfCacheKey } from '../keys.ts';
import { secrets } from '../resources.ts';
import { registryName } from './cpf.ts';

export type RegistryAnswer = { found: false } | { found: true; nameHash: string };

export interface CpfRegistry {
  /** Throws `cpf_offline` when the registry cannot answer. */
  lookup(cpf: string, birthDate: string): Promise<RegistryAnswer>;
}

const FOUND_TTL_SECONDS = 90 * 24 * 3600;
const MISS_TTL_SECONDS = 5 * 60;
const TIMEOUT_MS = 8000;
const ATTEMPTS = 3;

export const cpfOffline = () => new AppError('invalid', 'cpf_offline', 'Não conseguimos consultar o seu CPF no momento, tente novamente mais tarde.');

/** The hash the cache keeps of a holder's name; compare it with `nameHash(registryName(given))`. */
export const nameHash = (name: string): string => createHash('sha256').update(registryName(name), 'utf8').digest('hex');

const registryConfig = z.object({ IWEBSERVICE_URL: z._default(z.url(), 'https://ws.iwebservice.digital/CPF/'), IWEBSERVICE_KEY: z.optional(z.string()) });

const registryReply = z.object({
  RetornoCpf: z.object({
    msg: z.object({ Resultado: z.union([z.number(), z.string()]) }),
    DadosTitular: z.optional(z.object({ Titular: z.string() })),
  }),
});

/** iWebService, behind the table cache. */
export const iWebService: CpfRegistry = {
  async lookup(cpf, birthDate) {
    const cacheKey = cpfCacheKey(cpf, birthDate);
    const cached = await table.get<{ found: boolean; nameHash?: string; expiresAt: number }>(cacheKey);
    if (cached && isLive(cached)) return cached.found && cached.nameHash ? { found: true, nameHash: cached.nameHash } : { found: false };
    const answer = await askRegistry(cpf, birthDate);
    await table.put({
      ...cacheKey,
      ...answer,
      expiresAt: expiresAt(answer.found ? FOUND_TTL_SECONDS : MISS_TTL_SECONDS),
    });
    return answer;
  },
};

async function askRegistry(cpf: string, birthDate: string): Promise<RegistryAnswer> {
  const config = loadConfig(registryConfig);
  const key = (await readSecretJson(secrets.cpfRegistry)).IWEBSERVICE_KEY ?? config.IWEBSERVICE_KEY;
  if (!key) throw new Error('IWEBSERVICE_KEY is not configured (the cpf-registry secret on AWS, the environment locally)');
  const [year, month, day] = birthDate.split('-');
  const url = new URL(config.IWEBSERVICE_URL);
  url.search = new URLSearchParams({ chave: key, cpf, dataNascimento: `${day}/${month}/${year}`, formato: 'JSON' }).toString();
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) throw new Error(`registry answered ${response.status}`);
      const reply = registryReply.parse(await response.json());
      const titular = reply.RetornoCpf.DadosTitular?.Titular;
      return Number(reply.RetornoCpf.msg.Resultado) === 1 && titular ? { found: true, nameHash: nameHash(titular) } : { found: false };
    } catch (error) {
      // Never the URL: it holds the key and the CPF.
      logger.warn('CPF registry lookup failed', { attempt, errorName: (error as Error).name });
      if (attempt === ATTEMPTS) throw cpfOffline();
    }
  }
}
