/** A store's setting that must be present before its API can be asked anything. */
import type { CoachConfig } from '../../config.ts';

type TextSetting = { [K in keyof CoachConfig]-?: CoachConfig[K] extends string | undefined ? K : never }[keyof CoachConfig];

export function requireSetting(config: CoachConfig, name: TextSetting): string {
  const value = config[name];
  if (!value) throw new Error(`${name} is not configured`);
  return value;
}
