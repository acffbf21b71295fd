/** The web app's pro access: one configured API key. Without one, no Web token is accepted. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { CoachConfig } from '../../config.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

export async function isWebApiKey(token: string, config: CoachConfig): Promise<boolean> {
  if (!config.WEB_API_KEY) return false;
  // Equal-length digests let the comparison take the same time whatever the token.
  return timingSafeEqual(digest(token), digest(config.WEB_API_KEY));
}
