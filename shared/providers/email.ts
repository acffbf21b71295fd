/**
 * E-mail: through SES on AWS, into the outbox locally. The SES adapter is
 * imported on first real use, so a local cold start never evaluates it.
 */
import { recordOutgoing, usesLocalProviders } from './outbox.ts';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export async function sendEmail(email: Email): Promise<{ messageId: string }> {
  if (usesLocalProviders()) {
    const { to, ...content } = email;
    return { messageId: (await recordOutgoing('email', to, content)).id };
  }
  const { sendWithSes } = await import('./email-ses.ts');
  return sendWithSes(email);
}
