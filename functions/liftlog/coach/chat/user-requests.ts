/**
 * What a hub call puts to the model as the user's message: the app's own
 * message, bounded, or the introduction it asks for with Introduce.
 */

/** A longer chat message is refused: it is no conversation, and every one is paid for. */
export const MAX_MESSAGE_LENGTH = 8000;

const LOCALE = /^[a-zA-Z]{2}-[a-zA-Z]{2}$/;
const DEFAULT_LOCALE = 'en-AU';
/** Weight units are a word or two; anything longer is not a unit. */
const MAX_UNIT_LENGTH = 32;

/** What the app's Introduce asks of the coach, in the user's locale (a malformed locale reads as en-AU). */
export function introductionRequest(locale: string, preferredWeightUnit?: string): string {
  const request = `Hi there, please introduce yourself. Reply in my locale, ${LOCALE.test(locale) ? locale : DEFAULT_LOCALE}.`;
  return preferredWeightUnit === undefined ? request : `${request} I measure weights in ${preferredWeightUnit.slice(0, MAX_UNIT_LENGTH)}.`;
}
