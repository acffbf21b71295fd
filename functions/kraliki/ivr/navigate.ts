/**
 * What a caller's answer to a menu leads to, decided from the menu alone (no
 * I/O): an option, the menu again, or the menu's fallback once the caller has
 * said nothing or chosen what is not offered `max_retries` times.
 *
 * Keys come as `Digits`; spoken answers (`SpeechResult`, when a Gather listens
 * for speech) match a key's name ("two", "star") or an option's description.
 */
import type { FallbackAction, IvrMenu, MenuOption } from './schemas.ts';

export interface CallerInput {
  digits?: string;
  speech?: string;
}

export type Decision =
  | { kind: 'option'; option: MenuOption }
  /** The menu again; `attempt` is the number of the prompt about to be played (the first is 1). */
  | { kind: 'prompt'; attempt: number; notice: 'invalid' | 'no_input' }
  | { kind: 'fallback'; action: Exclude<FallbackAction, 'repeat'>; target: string | null };

const SPOKEN_KEYS: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  star: '*',
  asterisk: '*',
  pound: '#',
  hash: '#',
};

function spokenOption(menu: IvrMenu, speech: string): MenuOption | undefined {
  const words = speech
    .toLowerCase()
    .replace(/[^a-z0-9*# ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const keys = words.map((word) => SPOKEN_KEYS[word] ?? (/^[0-9*#]$/.test(word) ? word : undefined)).filter(Boolean);
  const byKey = menu.options.find((option) => keys.includes(option.digit));
  if (byKey) return byKey;
  const said = words.join(' ');
  return menu.options.find((option) => said.length > 0 && said.includes(option.description.toLowerCase()));
}

/** `attempt` is the number of the prompt the caller just answered (1 for the first). */
export function decide(menu: IvrMenu, input: CallerInput, attempt: number): Decision {
  const digits = input.digits?.trim();
  const speech = input.speech?.trim();
  const gaveInput = Boolean(digits) || Boolean(speech);
  const option = digits ? menu.options.find((o) => o.digit === digits) : speech ? spokenOption(menu, speech) : undefined;
  if (option) return { kind: 'option', option };
  if (attempt < menu.max_retries) return { kind: 'prompt', attempt: attempt + 1, notice: gaveInput ? 'invalid' : 'no_input' };
  const [action, target] = gaveInput ? [menu.invalid_input_action, menu.invalid_input_target] : [menu.no_input_action, menu.no_input_target];
  return { kind: 'fallback', action: action === 'repeat' ? 'hangup' : action, target: target ?? null };
}
