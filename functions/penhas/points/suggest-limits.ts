/** What both suggestion forms check first: her 120 suggestions an hour, and a category that exists. */
import { countRequest } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { formError, tooManyRequests } from '../errors.ts';
import { paCategoryKey, rateKey } from '../keys.ts';

export const countSuggestion = (userId: number) =>
  countRequest({ limit: 120, windowSeconds: 3600, counterKey: (start) => rateKey('pa_suggest', String(userId), start), refuse: tooManyRequests });

export async function knownCategory(categoria: string): Promise<void> {
  if (!(await table.get(paCategoryKey(Number(categoria))))) throw formError('categoria', 'invalid', 'Campos não foram preenchidos corretamente (categoria)');
}
