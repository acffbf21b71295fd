/**
 * The CEP port: the city and state of a Brazilian postal code, or undefined
 * when there is no such CEP (ViaCep's `{"erro": true}`, or its 400 for a
 * malformed one). The real adapter is ViaCep, at `VIACEP_URL` (locally the
 * runtime's stand-in). As in the original, a ViaCep failure also counts as
 * "not found": sign-up answers `cep_invalid`.
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import { logger } from '#shared/observability/logger';

export interface CepAddress {
  city: string;
  state: string;
}

export interface CepLookup {
  find(cep: string): Promise<CepAddress | undefined>;
}

const TIMEOUT_MS = 8000;

const viaCepConfig = z.object({ VIACEP_URL: z._default(z.url(), 'https://viacep.com.br') });
const viaCepReply = z.object({ localidade: z.optional(z.string()), uf: z.optional(z.string()) });

export const viaCep: CepLookup = {
  async find(cep) {
    const base = loadConfig(viaCepConfig).VIACEP_URL.replace(/\/$/, '');
    try {
      const response = await fetch(`${base}/ws/${encodeURIComponent(cep)}/json/`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) return undefined;
      const reply = z.safeParse(viaCepReply, await response.json());
      if (!reply.success || !reply.data.localidade || !reply.data.uf) return undefined;
      return { city: reply.data.localidade, state: reply.data.uf };
    } catch (error) {
      logger.warn('CEP lookup failed', { errorName: (error as Error).name });
      return undefined;
    }
  },
};
