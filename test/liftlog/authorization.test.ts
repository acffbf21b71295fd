/**
 * The authorization matrix: every HTTP route, WebSocket route and queue
 * consumer whose declaration names object ids (`objectIds` in the manifest)
 * has a row here, keyed by its function id. Each row runs the entry as the
 * owner of the object (allowed) and as someone else (denied with the status
 * the contract gives, the object unchanged), or, for objects public by design,
 * shows a stranger gets no more than that. An entry with ids and no row fails
 * the first test, by name.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import liftlog from '../../functions/liftlog/service.ts';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/addresses.ts';
import { functionsOf, type ObjectId, type ServiceFunction } from '../../shared/manifest.ts';
import { ChatClient } from './coach/hub-client.ts';
import { eventually, randomB64, startLiftlog, type Identity, type LiftlogHarness } from './app-client.ts';

interface MatrixRow {
  /** Who may act on the entry's objects, in the product's terms. */
  rule: string;
  /** Runs the entry as the objects' owner (or the job's true origin): allowed. */
  owner(): Promise<void>;
  /** Runs it as another user (or a job naming someone else's object): denied, nothing changed; or, when public, no more than the owner gets. */
  other(): Promise<void>;
}

let h: LiftlogHarness;
let sqs: SQSClient;
let mallory: Identity;
let victim: Identity;
let victimSecret: string;
const hubs: ChatClient[] = [];
beforeAll(async () => {
  h = await startLiftlog();
  sqs = new SQSClient({ endpoint: addresses.sqsEndpoint(h.runtime.url), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  [mallory, victim] = await Promise.all([h.app.createUser(), h.app.createUser()]);
  victimSecret = crypto.randomUUID();
  await h.app.send('PUT', '/user', {
    id: victim.id,
    password: victim.password,
    encryptedName: randomB64(32),
    encryptionIV: randomB64(16),
    rsaPublicKey: randomB64(294),
  });
  await h.app.send('PUT', '/follow-secret', { userId: victim.id, password: victim.password, followSecret: victimSecret });
  await h.app.send('PUT', '/event', event(victim, victim.password));
});
afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.stop()));
  sqs?.destroy();
  await h?.stop();
});

const victimStored = async () => (await h.table.partition(`USER#${victim.id}`)).map((item) => `${item.sk}:${JSON.stringify(item)}`).sort();

function event(user: Identity, password: string) {
  return {
    userId: user.id,
    password,
    eventId: crypto.randomUUID(),
    encryptedEventPayload: randomB64(32),
    encryptedEventIV: randomB64(16),
    expiry: '2099-01-01T00:00:00Z',
  };
}

/** The call with the victim's id and mallory's password: refused with 401, nothing of the victim's changed. */
const refusedToMallory = (method: string, path: string, body: (password: string) => Record<string, unknown>) => async () => {
  const before = await victimStored();
  const reply = await h.app.send(method, path, body(mallory.password));
  expect([reply.status, reply.text]).toEqual([401, '']);
  expect(await victimStored()).toEqual(before);
};

/** A call with the victim's id and `password`: the owner's succeeds, anyone else's is refused. */
function victimOnly(rule: string, method: string, path: string, body: (password: string) => Record<string, unknown>): MatrixRow {
  return {
    rule,
    async owner() {
      expect((await h.app.send(method, path, body(victim.password))).status).toBe(200);
    },
    other: refusedToMallory(method, path, body),
  };
}

async function enqueue(queue: string, job: object): Promise<void> {
  const queueName = addresses.queueName('liftlog', queue);
  await sqs.send(new SendMessageCommand({ QueueUrl: addresses.queueUrl(h.runtime.url, queueName), MessageBody: JSON.stringify(job) }));
  await h.runtime.queues.drained(queueName);
}

async function openHub(): Promise<ChatClient> {
  const hub = await ChatClient.open(`${h.app.baseUrl}/ai-chat-v2`, 'Web local-web-api-key');
  hubs.push(hub);
  return hub;
}

const matrix: Record<string, MatrixRow> = {
  'users-put-user': victimOnly('only the account’s own password replaces its profile', 'PUT', '/user', (password) => ({
    id: victim.id,
    password,
    encryptedName: randomB64(8),
    encryptionIV: randomB64(16),
    rsaPublicKey: randomB64(294),
  })),
  'users-delete-user': {
    rule: 'only the account’s own password deletes it',
    async owner() {
      const doomed = await h.app.createUser();
      expect((await h.app.send('POST', '/user/delete', { id: doomed.id, password: doomed.password })).status).toBe(200);
      expect((await h.app.send('GET', `/user/${doomed.id}`)).status).toBe(404);
    },
    other: refusedToMallory('POST', '/user/delete', (password) => ({ id: victim.id, password })),
  },
  'events-put-event': victimOnly('only the account’s own password publishes to its feed', 'PUT', '/event', (password) => event(victim, password)),
  'inbox-take-inbox-messages': {
    rule: 'only the inbox’s owner takes its messages',
    async owner() {
      await h.app.send('PUT', '/inbox', { toUserId: victim.id, encryptedMessage: [randomB64(16)] });
      const reply = await h.app.send('POST', '/inbox', { userId: victim.id, password: victim.password });
      expect(reply.body.inboxMessages.length).toBeGreaterThan(0);
    },
    async other() {
      await h.app.send('PUT', '/inbox', { toUserId: victim.id, encryptedMessage: [randomB64(16)] });
      await refusedToMallory('POST', '/inbox', (password) => ({ userId: victim.id, password }))();
    },
  },
  'follow-secrets-put-follow-secret': victimOnly('only the account’s own password hands out its follow secrets', 'PUT', '/follow-secret', (password) => ({
    userId: victim.id,
    password,
    followSecret: `secret-${password.slice(0, 8)}`,
  })),
  'follow-secrets-delete-follow-secret': {
    rule: 'only the account’s own password revokes its follow secrets',
    async owner() {
      const secret = crypto.randomUUID();
      await h.app.send('PUT', '/follow-secret', { userId: victim.id, password: victim.password, followSecret: secret });
      expect((await h.app.send('POST', '/follow-secret/delete', { userId: victim.id, password: victim.password, followSecret: secret })).status).toBe(200);
    },
    other: refusedToMallory('POST', '/follow-secret/delete', (password) => ({ userId: victim.id, password, followSecret: victimSecret })),
  },
  'shared-items-create-shared-item': victimOnly('only the account’s own password shares items in its name', 'POST', '/shareditem', (password) => ({
    userId: victim.id,
    password,
    encryptedPayload: { encryptedPayload: randomB64(8), iv: { value: randomB64(16) } },
    expiry: '2099-01-01T00:00:00Z',
  })),
  'events-get-events': {
    rule: 'a user’s events are read only with a follow secret that user registered',
    async owner() {
      const reply = await h.app.send('POST', '/events', { users: [{ userId: victim.id, followSecret: victimSecret, since: '2000-01-01T00:00:00Z' }] });
      expect(reply.body.events.length).toBeGreaterThan(0);
      expect(reply.body.invalidFollowSecrets).toEqual([]);
    },
    async other() {
      const malloryOwn = crypto.randomUUID();
      await h.app.send('PUT', '/follow-secret', { userId: mallory.id, password: mallory.password, followSecret: malloryOwn });
      const reply = await h.app.send('POST', '/events', { users: [{ userId: victim.id, followSecret: malloryOwn, since: '2000-01-01T00:00:00Z' }] });
      expect(reply.body).toEqual({ events: [], invalidFollowSecrets: [malloryOwn] });
    },
  },
  'users-get-user': {
    rule: 'public by design: anyone reads a profile, which holds only ciphertext and the public key',
    async owner() {
      expect((await h.app.send('GET', `/user/${victim.id}`)).body.id).toBe(victim.id);
    },
    async other() {
      const reply = await h.app.send('GET', `/user/${victim.id}`);
      expect(JSON.stringify(reply.body)).not.toContain('$pbkdf2');
      expect(Object.keys(reply.body).sort()).toEqual([
        'encryptedCurrentPlan',
        'encryptedName',
        'encryptedProfilePicture',
        'encryptionIV',
        'id',
        'lookup',
        'rsaPublicKey',
      ]);
    },
  },
  'users-get-users': {
    rule: 'public by design: anyone reads profiles, which hold only ciphertext and public keys',
    async owner() {
      expect(Object.keys((await h.app.send('POST', '/users', { ids: [victim.id] })).body.users)).toEqual([victim.id]);
    },
    async other() {
      const reply = await h.app.send('POST', '/users', { ids: [victim.id, mallory.id] });
      expect(JSON.stringify(reply.body)).not.toContain('$pbkdf2');
    },
  },
  'inbox-put-inbox-message': {
    rule: 'public by design: anyone may write to an inbox (follow requests come from strangers); only its owner reads it',
    async owner() {
      expect((await h.app.send('PUT', '/inbox', { toUserId: victim.id, encryptedMessage: [randomB64(16)] })).status).toBe(200);
    },
    async other() {
      expect((await h.app.send('PUT', '/inbox', { toUserId: victim.id, encryptedMessage: [randomB64(16)] })).status).toBe(200);
      expect((await h.app.send('POST', '/inbox', { userId: victim.id, password: mallory.password })).status).toBe(401);
    },
  },
  'shared-items-get-shared-item': {
    rule: 'public by design: whoever holds the share link reads the (encrypted) item',
    async owner() {
      const shared = await h.app.send('POST', '/shareditem', {
        userId: victim.id,
        password: victim.password,
        encryptedPayload: { encryptedPayload: randomB64(8), iv: { value: randomB64(16) } },
        expiry: '2099-01-01T00:00:00Z',
      });
      expect((await h.app.send('GET', `/shareditem/${shared.body.id}`)).status).toBe(200);
    },
    async other() {
      // Ids are unguessable: a made-up one finds nothing.
      expect((await h.app.send('GET', '/shareditem/abcdefghijkl')).status).toBe(404);
    },
  },
  'users-erase-user-data': {
    rule: 'erasure jobs erase only accounts that were deleted',
    async owner() {
      const doomed = await h.app.createUser();
      await h.app.send('PUT', '/event', event(doomed, doomed.password));
      await h.app.send('POST', '/user/delete', { id: doomed.id, password: doomed.password });
      await eventually(async () => (await h.table.partition(`USER#${doomed.id}`)).length === 0);
    },
    async other() {
      const before = await victimStored();
      await enqueue('user-erasure', { userId: victim.id });
      expect(await victimStored()).toEqual(before);
      expect((await h.app.send('GET', `/user/${victim.id}`)).status).toBe(200);
    },
  },
  'coach-hub-answer-turn': {
    rule: 'a turn job is answered only for the connection whose hub call queued it',
    async owner() {
      const hub = await openHub();
      await hub.invoke('SendMessage', 'owner marker: hello', 3);
      await hub.until((received) => received.length > 0);
    },
    async other() {
      const victimHub = await openHub();
      await victimHub.invoke('SendMessage', 'victim marker: a private question', 3);
      const [history] = await h.table.itemsMentioning('victim marker');
      const connectionId = String(history.pk).replace(/^CHAT#/, '');
      const received = victimHub.received.length;
      const stored = await h.table.partition(String(history.pk));
      await enqueue('coach-turns', { api: 'aiChatV2', connectionId, turnId: crypto.randomUUID() });
      await enqueue('coach-turns', { api: 'aiChat', connectionId, turnId: crypto.randomUUID() });
      await victimHub.roundTrip();
      expect(victimHub.received).toHaveLength(received);
      expect(await h.table.partition(String(history.pk))).toEqual(stored);
    },
  },
};

/** The entry's declared object ids, wherever it is declared. */
function objectIdsOf(fn: ServiceFunction): ObjectId[] {
  const trigger = fn.trigger;
  if (trigger.kind === 'http') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'websocket') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'queue') return trigger.queue.objectIds ?? [];
  return [];
}

const entriesWithIds = functionsOf(liftlog).filter((fn) => objectIdsOf(fn).length > 0);

describe('the authorization matrix', () => {
  it('has a row for every entry that acts on object ids, and none for others', () => {
    const ids = entriesWithIds.map((fn) => fn.id);
    expect(
      ids.filter((id) => !(id in matrix)),
      'entries with object ids but no matrix row',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((id) => !ids.includes(id)),
      'rows for entries that declare no object ids',
    ).toEqual([]);
  });
});

for (const fn of entriesWithIds.filter((entry) => entry.id in matrix)) {
  const row = matrix[fn.id];
  const ids = objectIdsOf(fn)
    .map((id) => `${id.object} from ${id.from} ${id.field}`)
    .join(', ');
  describe(`${fn.id} (${ids})`, () => {
    it(`allows the owner: ${row.rule}`, () => row.owner());
    const isPublic = objectIdsOf(fn).every((id) => id.owner === 'public');
    it(isPublic ? 'gives anyone else no more than that' : 'denies anyone else, changing nothing', () => row.other());
  });
}
