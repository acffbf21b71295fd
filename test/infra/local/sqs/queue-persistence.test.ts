import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChangeMessageVisibilityCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../infra/local/addresses.ts';
import type { LocalRuntime } from '../../../../infra/local/runtime.ts';
import queueService from '../../../fixtures/queue-consumer-service/service.ts';
import { startTestRuntime } from '../../../support/runtime.ts';

// The parked queue's DLQ has no consumer, so what it holds changes only through the SQS API.
const PARKED = addresses.dlqName('queue-consumer-service', 'parked');

async function withSqs<T>(runtime: LocalRuntime, work: (sqs: SQSClient, queueUrl: string) => Promise<T>): Promise<T> {
  const sqs = new SQSClient({ endpoint: addresses.sqsEndpoint(runtime.url), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    return await work(sqs, addresses.queueUrl(runtime.url, PARKED));
  } finally {
    sqs.destroy();
  }
}

describe('queues across a restart with a data directory', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'queues-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps waiting and in-flight messages, with their receive counts and visibility', async () => {
    const first = await startTestRuntime({ services: [queueService], dataDir });
    const { waitingId, inFlight } = await withSqs(first, async (sqs, QueueUrl) => {
      const waiting = await sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'an erasure job', MessageAttributes: { kind: { DataType: 'String', StringValue: 'erasure' } } }),
      );
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'being worked on' }));
      // Both go in flight for ten minutes; the erasure job is then made visible again, so one of each kind crosses the restart.
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
      return { waitingId: waiting.MessageId, inFlight: received.Messages! };
    });
    expect(inFlight).toHaveLength(2);
    await withSqs(first, async (sqs, QueueUrl) => {
      const job = inFlight.find((m) => m.MessageId === waitingId)!;
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: job.ReceiptHandle, VisibilityTimeout: 0 }));
    });
    await first.stop();

    const second = await startTestRuntime({ services: [queueService], dataDir });
    try {
      expect(second.queues.stats(PARKED)).toMatchObject({ visible: 1, inFlight: 1 });
      const again = await withSqs(second, (sqs, QueueUrl) =>
        sqs.send(
          new ReceiveMessageCommand({
            QueueUrl,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        ),
      );
      expect(again.Messages).toHaveLength(1);
      expect(again.Messages![0]).toMatchObject({
        MessageId: waitingId,
        Body: 'an erasure job',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'erasure' } },
        Attributes: { ApproximateReceiveCount: '2' },
      });
    } finally {
      await second.stop();
    }
  });

  it('writes the state file atomically as JSON under the data directory', async () => {
    const state = JSON.parse(await readFile(path.join(dataDir, 'queues.json'), 'utf8'));
    expect(state.version).toBe(1);
    expect(Object.keys(state.queues)).toContain(PARKED);
  });
});

describe('queues without a data directory', () => {
  it('start empty every time', async () => {
    const first = await startTestRuntime({ services: [queueService] });
    await withSqs(first, (sqs, QueueUrl) => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'gone after stop' })));
    await first.stop();
    const second = await startTestRuntime({ services: [queueService] });
    try {
      expect(second.queues.stats(PARKED)).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    } finally {
      await second.stop();
    }
  });
});
