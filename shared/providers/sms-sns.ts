/** The real SMS adapter: a direct SNS publish to a phone number. */
import { PublishCommand } from '@aws-sdk/client-sns';
import { sns } from './sns.ts';

export async function publishSms(to: string, text: string, transactional: boolean): Promise<{ messageId: string }> {
  const result = await sns.send(
    new PublishCommand({
      PhoneNumber: to,
      Message: text,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: transactional ? 'Transactional' : 'Promotional' },
      },
    }),
  );
  return { messageId: result.MessageId ?? '' };
}
