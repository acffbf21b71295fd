/**
 * The `sms` queue when things go wrong: a provider that never answers (the
 * job ends in the dead-letter queue, whole, and is sent once redriven) and
 * SQS delivering one job twice (one SMS). Retries here wait no backoff
 * (`SMS_RETRY_BASE_SECONDS=0`), so five receives take moments.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { smsSentKey } from '../../../functions/penhas/keys.ts';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import { penhasHarness } from '../app-client.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { seedGuardians, smsText, smsTo } from './guardian-fixtures.ts';

const runtime = sharedRuntime({ services: [penhas], environment: { SMS_RETRY_BASE_SECONDS: '0' } });
const h = penhasHarness(runtime);
const MAIN = addresses.queueName('penhas', 'sms');
const DLQ = addresses.dlqName('penhas', 'sms');

let sqs: SQSClient | undefined;
const client = () => (sqs ??= new SQSClient({ endpoint: addresses.sqsEndpoint(runtime.url), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
afterAll(() => sqs?.destroy());

describe('the sms queue', () => {
  it('dead-letters an SMS the provider refuses every time, and sends it once redriven', async () => {
    const account = await h.seedAccount({ nome_completo: 'Joana Pereira Santos' });
    const [guardian] = await seedGuardians(h.table, account.id, ['accepted']);
    runtime.outbox.failAlways('sms');
    try {
      const reply = await h.app.post('/me/guardioes/alert', { apiKey: account.session, query: { gps_lat: '-15.79', gps_long: '-47.88' } });
      expect(reply.body.title).toBe('Alerta enviado!');
      await eventually(() => runtime.queues.stats(DLQ).visible === 1, { what: 'the SMS in the dead-letter queue' });
    } finally {
      runtime.outbox.clearFailures();
    }
    expect(runtime.outbox.refused('sms')).toBe(5);
    expect(smsTo(runtime, guardian.e164)).toHaveLength(0);

    // Nothing is lost: the DLQ holds the whole job, and redriven it is sent, once.
    const url = (name: string) => addresses.queueUrl(runtime.url, name);
    const { Messages = [] } = await client().send(new ReceiveMessageCommand({ QueueUrl: url(DLQ), MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(1);
    const job = JSON.parse(Messages[0].Body!);
    expect(job).toMatchObject({ userId: account.id, to: guardian.e164, kind: 'alert', key: expect.stringMatching(new RegExp(`:${guardian.id}$`)) });
    await client().send(new SendMessageCommand({ QueueUrl: url(MAIN), MessageBody: Messages[0].Body! }));
    await client().send(new DeleteMessageCommand({ QueueUrl: url(DLQ), ReceiptHandle: Messages[0].ReceiptHandle! }));
    const sent = await runtime.outbox.waitFor({ channel: 'sms', to: guardian.e164 });
    expect(smsText(sent)).toBe(
      'PenhaS: Joana Pereira Santos adicionou um pedido de socorro. Entre em contato. Veja sua localizacao no mapa maps.google.com/maps?q=-15.79%2C-47.88',
    );
    await runtime.queues.drained(MAIN);
    expect(smsTo(runtime, guardian.e164)).toHaveLength(1);
  });

  it('sends a job delivered twice (or redelivered after it was sent) once', async () => {
    const account = await h.seedAccount();
    const job = { userId: account.id, to: '+5511987650001', text: 'PenhaS: teste de entrega única', key: 'alert-twice:1', kind: 'alert' };
    runtime.queues.send(MAIN, JSON.stringify(job));
    runtime.queues.send(MAIN, JSON.stringify(job));
    await runtime.outbox.waitFor({ channel: 'sms', to: job.to });
    await runtime.queues.drained(MAIN);
    runtime.queues.send(MAIN, JSON.stringify(job));
    await runtime.queues.drained(MAIN);
    expect(smsTo(runtime, job.to)).toHaveLength(1);
    const marker = (await h.table.partition(`USER#${account.id}`)).find((item) => item.sk === smsSentKey(account.id, job.key).sk);
    expect(marker).toMatchObject({ state: 'sent', messageId: expect.any(String) });
  });

  it('drops a message that is not an SMS job without retrying it', async () => {
    runtime.queues.send(MAIN, JSON.stringify({ to: '+5511987650002' }));
    await runtime.queues.drained(MAIN);
    expect(runtime.queues.stats(DLQ).visible).toBe(0);
    expect(smsTo(runtime, '+5511987650002')).toHaveLength(0);
  });
});
