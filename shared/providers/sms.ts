/**
 * Text messages: through SNS on AWS, into the outbox locally. The SNS adapter
 * is imported on first real use, so a local cold start never evaluates it.
 */
import { recordOutgoing, usesLocalProviders } from './outbox.ts';

export interface SmsOptions {
  /**
   * Transactional (codes, alerts: delivered with priority, also to numbers
   * that opted out of marketing) or Promotional. Default true.
   */
  transactional?: boolean;
}

/** Sends `text` to `to` (E.164, `+5511999990000`); resolves with the provider's message id. */
export async function sendSms(to: string, text: string, options: SmsOptions = {}): Promise<{ messageId: string }> {
  const transactional = options.transactional ?? true;
  if (usesLocalProviders()) return { messageId: (await recordOutgoing('sms', to, { text, transactional })).id };
  const { publishSms } = await import('./sms-sns.ts');
  return publishSms(to, text, transactional);
}
