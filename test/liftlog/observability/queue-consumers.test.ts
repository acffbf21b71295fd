/**
 * Queue consumers count a job that fails on its last receive as bound for
 * the dead-letter queue, so they must know the queue's maxReceiveCount: each
 * LiftLog consumer declares the manifest's, and a job that fails on its last
 * receive is logged as such, with the correlation id it carried, and counted.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import liftlog from '../../../functions/liftlog/service.ts';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import { queueSettings } from '../../../shared/manifest.ts';
import { startTestRuntime } from '../../support/runtime.ts';
import { eventually } from '../app-client.ts';

describe('LiftLog queue consumers', () => {
  for (const queue of liftlog.queues ?? []) {
    it(`${queue.name}: declares the manifest's maxReceiveCount`, async () => {
      const { handler } = await import(`../../../${queue.consumer.handler}`);
      expect(handler.maxReceiveCount).toBe(queueSettings(queue).maxReceiveCount);
    });
  }
});

describe('a job failing on its last receive', () => {
  let runtime: LocalRuntime;
  const lines: string[] = [];
  beforeAll(async () => {
    // A table that does not exist: every job fails.
    runtime = await startTestRuntime({ services: [liftlog], environment: { TABLE_NAME: 'no-such-table' }, log: (line) => lines.push(line) });
  });
  afterAll(() => runtime?.stop());

  it('is logged as going to the dead-letter queue, with its correlation id, and counted', async () => {
    const sqs = new SQSClient({ endpoint: addresses.sqsEndpoint(runtime.url), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: addresses.queueUrl(runtime.url, addresses.queueName('liftlog', 'coach-turns')),
          MessageBody: JSON.stringify({ api: 'aiChatV2', connectionId: 'gone', turnId: crypto.randomUUID() }),
          MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'turn-4713' } },
        }),
      );
    } finally {
      sqs.destroy();
    }
    await eventually(async () => lines.some((line) => line.includes('JobDeadLettered')));
    expect(lines.find((line) => line.includes('dead-letter queue'))).toContain('turn-4713');
  });
});
