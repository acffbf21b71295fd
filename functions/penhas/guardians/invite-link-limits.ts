/** The original's limit on the invite page: 100 requests an hour per client address (an IPv6 address by its first 18 characters). */
import { countRequest } from '#shared/db/counters';
import { tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';

export const countInviteView = (sourceIp: string) =>
  countRequest({
    limit: 100,
    windowSeconds: 3600,
    counterKey: (windowStart) => rateKey('guardiao', sourceIp.slice(0, 18), windowStart),
    refuse: tooManyRequests,
  });
