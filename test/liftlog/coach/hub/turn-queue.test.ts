import { randomUUID } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../infra/local/addresses.ts';
import { startCoachRuntime, TURN_QUEUE, WEB_AUTHORIZATION, type CoachRuntime } from '../coach-runtime.ts';
import { eventually } from '../../../support/eventually.ts';
import { ChatClient } from '../hub-client.ts';

const HUB = '/ai-chat-v2';

let coach: CoachRuntime;
let sqs: SQSClient;
const opened: ChatClient[] = [];

beforeAll(async () => {
  coach = await startCoachRuntime();
  sqs = new SQSClient({ endpoint: addresses.sqsEndpoint(coach.runtime.url), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.stop()));
});
afterAll(async () => {
  sqs?.destroy();
  await coach?.stop();
});

async function connect(): Promise<ChatClient> {
  const client = await ChatClient.open(coach.url(HUB), WEB_AUTHORIZATION);
  opened.push(client);
  return client;
}

/**
 * Enqueues turn jobs straight through the SQS API, as anyone able to send to
 * the queue could, and waits until they are consumed and anything their
 * consumer sent `client` has arrived.
 */
async function enqueueTurnJobs(client: ChatClient, ...jobs: object[]): Promise<void> {
  const QueueUrl = addresses.queueUrl(coach.runtime.url, TURN_QUEUE);
  for (const job of jobs) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(job) }));
  await coach.runtime.queues.drained(TURN_QUEUE);
  await client.roundTrip();
}

/** The chat item of sort key `sk` whose text includes `marker`. */
async function chatItemWith(sk: 'HISTORY' | 'TURN', marker: string): Promise<Record<string, any> | undefined> {
  return (await coach.chatItems()).find((item) => item.sk === sk && JSON.stringify(item).includes(marker));
}

const connectionIdOf = (item: Record<string, any>) => (item.pk as string).replace(/^CHAT#/, '');
const modelRequestsAbout = async (marker: string) =>
  (await coach.modelRequests()).filter((request) => JSON.stringify(request.messages.at(-1)).includes(marker));

describe('coach-turns jobs', () => {
  it("send nothing and write no history when they name another connection's chat with a turn it does not have", async () => {
    const victim = await connect();
    await victim.invoke('SendMessage', 'victim marker: my private question', 3);
    const history = await chatItemWith('HISTORY', 'victim marker');
    const victimId = connectionIdOf(history!);
    const received = victim.received.length;
    const modelCalls = (await coach.modelRequests()).length;

    await enqueueTurnJobs(
      victim,
      { api: 'aiChatV2', connectionId: victimId, turnId: randomUUID() },
      { api: 'aiChat', connectionId: victimId, turnId: randomUUID() },
      { api: 'aiChatV2', connectionId: 'no-such-connection', turnId: randomUUID() },
    );

    expect(victim.received).toHaveLength(received);
    expect((await coach.modelRequests()).length).toBe(modelCalls);
    expect(await chatItemWith('HISTORY', 'victim marker')).toEqual(history);
    expect(await chatItemWith('TURN', victimId)).toBeUndefined();
  });

  it('stream a turn once, however often its job is delivered', async () => {
    const client = await connect();
    const answering = client.invoke('SendMessage', 'Tell me slowly about duplicates', 3);
    await client.until((received) => received.length >= 2);
    const turn = (await chatItemWith('TURN', 'duplicates'))!;
    const job = { api: 'aiChatV2', connectionId: connectionIdOf(turn), turnId: turn.turnId };

    await enqueueTurnJobs(client, job);
    await answering;
    const received = client.received.length;
    await enqueueTurnJobs(client, job);

    expect(client.received).toHaveLength(received);
    expect(await modelRequestsAbout('duplicates')).toHaveLength(1);
    const history = JSON.parse((await chatItemWith('HISTORY', 'duplicates'))!.messages);
    expect(history.filter((message: { role: string }) => message.role === 'user')).toHaveLength(1);
  });

  it('complete a turn stopped while still waiting in the queue, without asking the model', async () => {
    const [waiting, ...busy] = await Promise.all(Array.from({ length: 6 }, connect));
    // Five 12 s answers take every batch the local event source runs at once, so the next job waits in the queue while the test acts.
    const busyAnswers = busy.map((client, i) => client.invoke('SendMessage', `Tell me very slowly about topic ${i}`, 3));
    await eventually(() => coach.runtime.queues.stats(TURN_QUEUE).inFlight >= busy.length, { what: 'every busy turn taken' });

    const asking = waiting.invoke('SendMessage', 'queued marker: make me a plan', 3);
    await eventually(() => coach.runtime.queues.stats(TURN_QUEUE).visible >= 1, { what: 'the waiting turn queued' });
    expect(coach.runtime.queues.stats(TURN_QUEUE)).toMatchObject({ visible: 1, inFlight: busy.length });
    await waiting.invoke('StopInProgress');
    await asking;

    // Stopped, the busy answers free the event source, which then takes the stopped turn's job.
    await Promise.all(busy.map((client) => client.invoke('StopInProgress')));
    await Promise.all(busyAnswers);
    await coach.runtime.queues.drained(TURN_QUEUE);
    await waiting.roundTrip();
    expect(waiting.received).toEqual([]);
    expect(await modelRequestsAbout('queued marker')).toEqual([]);
    expect(await chatItemWith('TURN', 'queued marker')).toBeUndefined();
  });
});
