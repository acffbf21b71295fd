import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  TooManyEntriesInBatchRequest,
  type Message,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses } from '../../../../infra/local/addresses.ts';
import { functionsOf } from '../../../../shared/manifest.ts';
import type { Delivery } from '../../../fixtures/queue-consumer-service/deliveries.ts';
import queueService from '../../../fixtures/queue-consumer-service/service.ts';
import { eventually } from '../../../support/eventually.ts';
import { sharedRuntime } from '../../../support/runtime.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const runtime = sharedRuntime({ services: [queueService] });
let sqs: SQSClient;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  // A cold start counts against the visibility timeout; one warm environment per consumer keeps retries to the ones tests cause.
  for (const fn of functionsOf(queueService)) {
    if (fn.trigger.kind === 'queue') await runtime.host.invoke(runtime.functionName('queue-consumer-service', fn.id), { Records: [] });
  }
  sqs = new SQSClient({ endpoint: `${runtime.url}/_aws/sqs`, region: 'us-east-1', credentials });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'us-east-1', credentials }));
});
afterAll(async () => {
  sqs?.destroy();
  db?.destroy();
});

const queueUrl = (name: string) => addresses.queueUrl(runtime.url, `queue-consumer-service-${name}`);
const consumerOf = (queue: string) =>
  runtime.functionName('queue-consumer-service', functionsOf(queueService).find((fn) => fn.trigger.kind === 'queue' && fn.trigger.queue.name === queue)!.id);
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Everything the fixture consumer of a queue has recorded. */
async function deliveries(queue: string): Promise<Delivery[]> {
  const items: Delivery[] = [];
  const pages = paginateQuery(
    { client: db },
    {
      TableName: runtime.tableName('queue-consumer-service'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `queue#queue-consumer-service-${queue}` },
    },
  );
  for await (const page of pages) items.push(...((page.Items ?? []) as Delivery[]));
  return items.sort((a, b) => a.at - b.at);
}

/** What the consumer of `queue` has recorded, once `done` holds of it. */
const deliveriesOnce = (queue: string, done: (list: Delivery[]) => boolean) =>
  eventually(
    async () => {
      const list = await deliveries(queue);
      return done(list) && list;
    },
    { what: `deliveries of ${queue}` },
  );

const deliveriesOf = (list: Delivery[], body: string) => list.filter((d) => d.body === body);

async function sendBatch(queue: string, bodies: string[]) {
  const out = await sqs.send(
    new SendMessageBatchCommand({ QueueUrl: queueUrl(queue), Entries: bodies.map((body, i) => ({ Id: `m${i}`, MessageBody: body })) }),
  );
  expect(out.Failed ?? []).toEqual([]);
}

/** Long-polls a dead-letter queue until `count` messages arrived. */
async function receiveDeadLetters(queue: string, count: number): Promise<Message[]> {
  const messages: Message[] = [];
  await eventually(
    async () => {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl(`${queue}-dlq`),
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 2,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      messages.push(...(out.Messages ?? []));
      return messages.length >= count;
    },
    { intervalMs: 0, what: `${count} message(s) in ${queue}-dlq` },
  );
  return messages;
}

describe.concurrent('event source mapping', () => {
  it('invokes the consumer with batches of at most batchSize records', async () => {
    const bodies = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'];
    await sendBatch('batches', bodies);

    const seen = await deliveriesOnce('batches', (list) => list.length >= 7);

    expect(seen.map((d) => d.body).sort()).toEqual(bodies);
    expect(seen.every((d) => d.receiveCount === 1)).toBe(true);
    const sizes = new Map<string, number>();
    for (const d of seen) sizes.set(d.batch, (sizes.get(d.batch) ?? 0) + 1);
    expect([...sizes.values()].sort()).toEqual([1, 3, 3]);
  });

  it('delivers each record in the SQS event shape', async () => {
    const binary = Buffer.from([0, 1, 2, 250]);
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl('shapes'),
        MessageBody: 'hello',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' }, blob: { DataType: 'Binary', BinaryValue: binary } },
      }),
    );

    const [delivery] = await deliveriesOnce('shapes', (list) => list.length > 0);

    const record = delivery.record;
    expect(Object.keys(record).sort()).toEqual(
      [
        'attributes',
        'awsRegion',
        'body',
        'eventSource',
        'eventSourceARN',
        'md5OfBody',
        'md5OfMessageAttributes',
        'messageAttributes',
        'messageId',
        'receiptHandle',
      ].sort(),
    );
    expect(record).toMatchObject({
      messageId: sent.MessageId,
      body: 'hello',
      md5OfBody: md5('hello'),
      md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:queue-consumer-service-shapes',
      awsRegion: 'us-east-1',
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'greeting', stringListValues: [], binaryListValues: [] },
        blob: { dataType: 'Binary', binaryValue: binary.toString('base64'), stringListValues: [], binaryListValues: [] },
      },
    });
    expect(record.receiptHandle).toEqual(expect.any(String));
    const { ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp } = record.attributes;
    expect(ApproximateReceiveCount).toBe('1');
    expect(SenderId).toBe('local');
    expect(Number(ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(Number(SentTimestamp));
  });

  it('redelivers the whole batch, not before the visibility timeout, when the consumer throws', async () => {
    await sendBatch('throws', ['whole-ok', 'whole-fail']);

    const seen = await deliveriesOnce('throws', (list) => list.length >= 4);

    for (const body of ['whole-ok', 'whole-fail']) {
      const [first, second] = deliveriesOf(seen, body);
      expect([first.receiveCount, second.receiveCount]).toEqual([1, 2]);
      expect(second.at - Number(second.record.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(3000);
    }
    const batches = new Set(seen.map((d) => d.batch));
    expect(batches.size).toBe(2);
  });

  it('moves a message to the DLQ after maxReceiveCount receives', async () => {
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('poison'), MessageBody: 'poison-fail' }));

    const [dead] = await receiveDeadLetters('poison', 1);

    expect(dead).toMatchObject({ MessageId, Body: 'poison-fail' });
    // Two receives by the consumer, then this one from the DLQ.
    expect(dead.Attributes?.ApproximateReceiveCount).toBe('3');
    expect(dead.Attributes?.DeadLetterQueueSourceArn).toBe('arn:aws:sqs:us-east-1:000000000000:queue-consumer-service-poison');
    expect((await deliveries('poison')).map((d) => d.receiveCount)).toEqual([1, 2]);
  });

  it('retries only the records named in batchItemFailures', async () => {
    await sendBatch('partial', ['keep-1', 'fail-2', 'keep-3']);

    const dead = await receiveDeadLetters('partial', 1);

    expect(dead.map((m) => m.Body)).toEqual(['fail-2']);
    const seen = await deliveries('partial');
    expect(deliveriesOf(seen, 'fail-2').map((d) => d.receiveCount)).toEqual([1, 2]);
    expect(deliveriesOf(seen, 'keep-1')).toHaveLength(1);
    expect(deliveriesOf(seen, 'keep-3')).toHaveLength(1);
  });

  it('fails the whole batch when batchItemFailures names a record that is not in it', async () => {
    await sendBatch('misreported', ['misreport-a', 'innocent-b']);

    const dead = await receiveDeadLetters('misreported', 2);

    expect(dead.map((m) => m.Body).sort()).toEqual(['innocent-b', 'misreport-a']);
    expect(deliveriesOf(await deliveries('misreported'), 'innocent-b').map((d) => d.receiveCount)).toEqual([1, 2]);
  });

  it('waits up to batchingWindowSeconds to gather a batch', async () => {
    // Three separate arrivals, one after the other, all well within the 1 s window.
    for (const body of ['w1', 'w2', 'w3']) await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('windowed'), MessageBody: body }));

    const seen = await deliveriesOnce('windowed', (list) => list.length >= 3);

    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((d) => d.batch)).size).toBe(1);
  });

  it('holds a message for its DelaySeconds, or the queue default, before the first delivery', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('delayed'), MessageBody: 'queue-default' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('delayed'), MessageBody: 'no-delay', DelaySeconds: 0 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('delayed'), MessageBody: 'two-seconds', DelaySeconds: 2 }));

    const seen = await deliveriesOnce('delayed', (list) => list.length >= 3);

    const attributes = (body: string) => deliveriesOf(seen, body)[0].record.attributes;
    const waited = (body: string) => Number(attributes(body).ApproximateFirstReceiveTimestamp) - Number(attributes(body).SentTimestamp);
    // Sent after the queue-default message, the undelayed one is received before it.
    expect(Number(attributes('no-delay').ApproximateFirstReceiveTimestamp)).toBeLessThan(Number(attributes('queue-default').ApproximateFirstReceiveTimestamp));
    expect(waited('queue-default')).toBeGreaterThanOrEqual(1000);
    expect(waited('two-seconds')).toBeGreaterThanOrEqual(2000);
  });
});

describe.concurrent('shared/queue helpers', () => {
  it('sendJob enqueues a JSON job from a handler, and queueConsumer hands it to the job function', async () => {
    const response = await fetch(`${runtime.url}/queue-consumer-service/job`, { method: 'POST', body: JSON.stringify({ job: { n: 1 } }) });
    expect(response.status).toBe(202);
    const { messageId } = (await response.json()) as { messageId: string };

    const seen = await deliveriesOnce('jobs', (list) => list.some((d) => d.messageId === messageId));

    expect(seen.find((d) => d.messageId === messageId)?.body).toBe('{"n":1}');
  });

  it('sendJobs enqueues every job in batches of 10, retrying the entries SQS failed', async () => {
    runtime.queues.injectSendFailures('queue-consumer-service-jobs', 3);
    const jobs = Array.from({ length: 25 }, (_, i) => ({ n: 100 + i }));

    const response = await fetch(`${runtime.url}/queue-consumer-service/jobs`, { method: 'POST', body: JSON.stringify({ jobs }) });

    expect(response.status).toBe(202);
    const seen = await deliveriesOnce('jobs', (list) => list.filter((d) => JSON.parse(d.body).n >= 100).length >= 25);
    const numbers = seen.map((d) => JSON.parse(d.body).n as number).filter((n) => n >= 100);
    expect(numbers.sort((a, b) => a - b)).toEqual(jobs.map((j) => j.n));
  });

  it('queueConsumer reports only the jobs that threw as batch item failures', async () => {
    await sendBatch('typed', [JSON.stringify({ n: 1 }), JSON.stringify({ n: 2, fail: true })]);

    const dead = await receiveDeadLetters('typed', 1);

    expect(dead.map((m) => m.Body)).toEqual([JSON.stringify({ n: 2, fail: true })]);
    const seen = await deliveries('typed');
    expect(deliveriesOf(seen, JSON.stringify({ n: 1 }))).toHaveLength(1);
    expect(deliveriesOf(seen, JSON.stringify({ n: 2, fail: true }))).toHaveLength(2);
  });

  it('queueConsumer drops bodies that are not valid jobs instead of retrying them', async () => {
    await sendBatch('strict', ['not json', JSON.stringify({ n: 'five' }), JSON.stringify({ n: 5 })]);

    await deliveriesOnce('strict', (list) => list.length > 0);
    await runtime.queues.drained('queue-consumer-service-strict', 20_000);

    expect((await deliveries('strict')).map((d) => d.body)).toEqual([JSON.stringify({ n: 5 })]);
    expect(runtime.queues.stats('queue-consumer-service-strict-dlq')).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
  });
});

describe('SQS API', () => {
  // The DLQ of `parked` has no consumer: messages stay where the test puts them.
  const parked = () => queueUrl('parked-dlq');
  const receive = (options: { VisibilityTimeout?: number; WaitTimeSeconds?: number } = {}) =>
    sqs.send(new ReceiveMessageCommand({ QueueUrl: parked(), MessageSystemAttributeNames: ['ApproximateReceiveCount'], ...options }));

  beforeAll(() => sqs.send(new PurgeQueueCommand({ QueueUrl: parked() })));

  it('answers SendMessage with the message id and the MD5 digests', async () => {
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: parked(), MessageBody: 'digest me', MessageAttributes: { a: { DataType: 'Number', StringValue: '42' } } }),
    );

    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.MD5OfMessageBody).toBe(md5('digest me'));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    await sqs.send(new PurgeQueueCommand({ QueueUrl: parked() }));
  });

  it('hides a received message for its visibility timeout, then delivers it again', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: parked(), MessageBody: 'hide me' }));

    const hiddenFrom = Date.now();
    const first = await receive({ VisibilityTimeout: 1 });
    const meanwhile = await receive();
    const again = await receive({ WaitTimeSeconds: 20 });

    expect(first.Messages?.[0].Body).toBe('hide me');
    expect(meanwhile.Messages).toBeUndefined();
    expect(again.Messages?.[0]).toMatchObject({ Body: 'hide me', Attributes: { ApproximateReceiveCount: '2' } });
    // Hidden from the first receive on, which came after `hiddenFrom`: never back before a whole second of it.
    expect(Date.now() - hiddenFrom).toBeGreaterThanOrEqual(1000);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: parked(), ReceiptHandle: again.Messages![0].ReceiptHandle }));
  });

  it('long-polls ReceiveMessage until a message arrives', async () => {
    const polling = receive({ WaitTimeSeconds: 20 });
    // The runtime tells no one when a poll starts waiting: this pause lets it get there (one arriving late would find the message at once, proving less but not failing).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await sqs.send(new SendMessageCommand({ QueueUrl: parked(), MessageBody: 'worth the wait' }));

    const out = await polling;

    expect(out.Messages?.[0].Body).toBe('worth the wait');
    // Answered on arrival, not when its 20 s wait ran out.
    expect(Date.now() - started).toBeLessThan(10_000);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: parked(), ReceiptHandle: out.Messages![0].ReceiptHandle }));
  });

  it('deletes a message only with its latest receipt handle', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: parked(), MessageBody: 'two handles' }));
    const older = (await receive({ VisibilityTimeout: 0 })).Messages![0];
    const latest = (await receive({ VisibilityTimeout: 0 })).Messages![0];

    await sqs.send(new DeleteMessageCommand({ QueueUrl: parked(), ReceiptHandle: older.ReceiptHandle }));
    const stillThere = (await receive({ VisibilityTimeout: 0 })).Messages![0];
    await sqs.send(new DeleteMessageCommand({ QueueUrl: parked(), ReceiptHandle: stillThere.ReceiptHandle }));

    expect(older.ReceiptHandle).not.toBe(latest.ReceiptHandle);
    expect(stillThere.MessageId).toBe(older.MessageId);
    expect((await receive()).Messages).toBeUndefined();
    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl: parked(), ReceiptHandle: 'garbage' }))).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('makes an in-flight message visible again with ChangeMessageVisibility', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: parked(), MessageBody: 'come back' }));
    const hidden = (await receive({ VisibilityTimeout: 60 })).Messages![0];

    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: parked(), ReceiptHandle: hidden.ReceiptHandle, VisibilityTimeout: 0 }));

    const back = (await receive()).Messages![0];
    expect(back).toMatchObject({ MessageId: hidden.MessageId, Attributes: { ApproximateReceiveCount: '2' } });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: parked(), ReceiptHandle: back.ReceiptHandle }));
  });

  it('counts visible, in-flight and delayed messages in GetQueueAttributes', async () => {
    await sendBatch('parked-dlq', ['one', 'two']);
    await sqs.send(new SendMessageCommand({ QueueUrl: parked(), MessageBody: 'later', DelaySeconds: 60 }));
    await receive({ VisibilityTimeout: 60 });

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: parked(), AttributeNames: ['All'] }));
    const main = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl('parked'), AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'] }));

    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:queue-consumer-service-parked-dlq',
    });
    expect(main.Attributes?.VisibilityTimeout).toBe('3');
    expect(JSON.parse(main.Attributes!.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:queue-consumer-service-parked-dlq',
      maxReceiveCount: 2,
    });
    await sqs.send(new PurgeQueueCommand({ QueueUrl: parked() }));
    expect(runtime.queues.stats('queue-consumer-service-parked-dlq')).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('sends the valid entries of a SendMessageBatch and reports the others as failed', async () => {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: parked(),
        Entries: [
          { Id: 'good', MessageBody: 'fine' },
          { Id: 'late', MessageBody: 'too late', DelaySeconds: 901 },
        ],
      }),
    );

    expect(out.Successful?.map((e) => e.Id)).toEqual(['good']);
    expect(out.Failed).toEqual([{ Id: 'late', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringContaining('DelaySeconds') }]);
    await sqs.send(new PurgeQueueCommand({ QueueUrl: parked() }));
  });

  it('rejects bodies over 1 MiB, empty bodies, DelaySeconds over 900 and batches over 10 entries', async () => {
    const send = (input: { MessageBody: string; DelaySeconds?: number }) => sqs.send(new SendMessageCommand({ QueueUrl: parked(), ...input }));

    await expect(send({ MessageBody: 'x'.repeat(1_048_577) })).rejects.toMatchObject({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
    await expect(send({ MessageBody: '' })).rejects.toMatchObject({ name: 'MissingParameter' });
    await expect(send({ MessageBody: 'x', DelaySeconds: 901 })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: parked(), Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })) })),
    ).rejects.toBeInstanceOf(TooManyEntriesInBatchRequest);
    expect(await send({ MessageBody: 'x'.repeat(1_048_576) })).toHaveProperty('MessageId');
    await sqs.send(new PurgeQueueCommand({ QueueUrl: parked() }));
  });

  it('throws QueueDoesNotExist for a queue no manifest declares', async () => {
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'queue-consumer-service-nope' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('nope'), MessageBody: 'x' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('names every manifest queue and its DLQ in ListQueues and GetQueueUrl', async () => {
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'queue-consumer-service-batches' }));
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'queue-consumer-service-batches' }));

    expect(QueueUrls).toEqual([queueUrl('batches'), queueUrl('batches-dlq')]);
    expect(QueueUrl).toBe(queueUrl('batches'));
  });
});

describe('developer views', () => {
  it('lists every queue with its consumer, DLQ and counts at GET /_local/queues', async () => {
    const response = await fetch(`${runtime.url}/_local/queues`);
    const { queues } = (await response.json()) as { queues: Array<Record<string, unknown>> };

    expect(response.status).toBe(200);
    expect(queues).toHaveLength(queueService.queues!.length * 2);
    expect(queues.find((q) => q.name === 'queue-consumer-service-batches')).toMatchObject({
      url: queueUrl('batches'),
      consumer: consumerOf('batches'),
      deadLetterQueue: 'queue-consumer-service-batches-dlq',
      visible: expect.any(Number),
      inFlight: expect.any(Number),
      delayed: expect.any(Number),
    });
  });

  it('describes each queue with its URL, consumer and settings', () => {
    const lines = runtime.queues.describe();

    expect(lines).toHaveLength(queueService.queues!.length);
    expect(lines.find((line) => line.includes('/queue-consumer-service-windowed '))).toMatch(
      /batch 5 within 1 s, visibility 15 s, maxReceive 5, DLQ queue-consumer-service-windowed-dlq/,
    );
  });
});
