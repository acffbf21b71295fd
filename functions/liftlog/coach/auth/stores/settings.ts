/** A store's setting that must be present before its API can be asked anything. */
import type { CoachConfig } from '../../config.ts';

type TextSetting = { [K in keyof CoachConfig]-?: CoachConfig[K] extends string | undefined ? K : never }[keyof CoachConfig];

/** The store cannot be asked: a deployment without its credentials refuses its tokens. */
export class StoreNotConfigured extends Error {
  constructor(readonly setting: string) {
    super(`${setting} is not configured`);
    this.name = 'StoreNotConfigured';
  }
}

export function requireSetting(config: CoachConfig, name: TextSetting): string {
  const value = config[name];
  if (!value) throw new StoreNotConfigured(name);
  return value;
}
