/** The real e-mail adapter: SES v2 SendEmail from the address in EMAIL_FROM (a verified SES identity). */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import * as z from 'zod/mini';
import { loadConfig } from '../config.ts';
import type { Email } from './email.ts';

const ses = /* @__PURE__ */ new SESv2Client({});
const emailConfig = z.object({ EMAIL_FROM: z.string().check(z.minLength(3)) });

export async function sendWithSes({ to, subject, text, html }: Email): Promise<{ messageId: string }> {
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  const result = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: loadConfig(emailConfig).EMAIL_FROM,
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: utf8(subject), Body: { Text: utf8(text), ...(html !== undefined && { Html: utf8(html) }) } } },
    }),
  );
  return { messageId: result.MessageId ?? '' };
}
