/**
 * A large profile picture is uploaded under the bucket's pending prefix
 * (which a lifecycle rule empties after a day) and moved to the key its user
 * record names only after that record is written: an upload interrupted in
 * between leaves an object under the pending prefix only, and the reader keeps
 * serving the picture the record names. The record is written with a marker
 * of the move it owes the bucket; a request cut short after that write leaves
 * the marker, and the hourly sweep finishes the move from it.
 */
import { request as forward, createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import liftlog from '../../../functions/liftlog/service.ts';
import { eventually, fromB64, randomB64, startLiftlog, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
let gate: S3Gate;
beforeAll(async () => {
  gate = await s3Gate();
  // Every function reaches the bucket through the gate; the sweep finishes moves of any age.
  h = await startLiftlog({ environment: { AWS_ENDPOINT_URL_S3: `${gate.url}/_aws/s3`, PICTURE_MOVE_GRACE_SECONDS: '0' } });
  gate.target = h.runtime.url;
});
afterAll(async () => {
  await h?.stop();
  await gate?.close();
});

const putPicture = (user: { id: string; password: string }, picture: string) =>
  h.app.send('PUT', '/user', {
    id: user.id,
    password: user.password,
    encryptedProfilePicture: picture,
    encryptionIV: randomB64(16),
    rsaPublicKey: randomB64(294),
  });

/** A DynamoDB endpoint that accepts connections and never answers: a write sent there is cut short as by a crash. */
async function silentEndpoint(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface S3Gate {
  url: string;
  /** The runtime whose S3 stand-in the calls go on to. */
  target: string;
  /** Calls it picks are refused with 403 AccessDenied (as a bucket policy would), so the function stops there. */
  refuse?: (method: string, key: string, req: IncomingMessage) => boolean;
  close(): Promise<void>;
}

/** A pass-through in front of the runtime's S3, which can refuse chosen calls. */
async function s3Gate(): Promise<S3Gate> {
  const bucketPath = `/_aws/s3/${addresses.bucketName('liftlog', 'profile-pictures')}/`;
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url!, 'http://gate').pathname;
    const key = path.startsWith(bucketPath) ? decodeURIComponent(path.slice(bucketPath.length)) : '';
    if (gate.refuse?.(req.method!, key, req)) {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
      return;
    }
    const target = new URL(req.url!, gate.target);
    const upstream = forward(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const gate: S3Gate = {
    url: `http://127.0.0.1:${port}`,
    target: '',
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return gate;
}

describe('PUT /user with a large picture', () => {
  it("declares the bucket's pending prefix that the upload path uses", async () => {
    const { PENDING_PREFIX } = await import('../../../functions/liftlog/users/profile-pictures.ts');
    expect(liftlog.buckets?.find((bucket) => bucket.name === 'profile-pictures')?.pendingPrefix).toBe(PENDING_PREFIX);
  });

  it('leaves the picture under the key its record names, and nothing pending', async () => {
    const user = await h.app.createUser();
    const picture = randomB64(200_000);
    expect((await putPicture(user, picture)).status).toBe(200);
    const [profile] = (await h.table.partition(`USER#${user.id}`)).filter((item) => item.sk === 'PROFILE');
    expect(await h.pictureObjects(`${user.id}/`)).toEqual([profile.profilePictureObject]);
    expect(await h.pictureObjects(`pending/${user.id}/`)).toEqual([]);
    expect((await h.app.send('GET', `/user/${user.id}`)).body.encryptedProfilePicture).toBe(picture);
  });

  it('interrupted between the object write and the record write, leaves only an object under the pending prefix', async () => {
    const user = await h.app.createUser();
    const served = randomB64(100_000);
    expect((await putPicture(user, served)).status).toBe(200);
    const [before] = (await h.table.partition(`USER#${user.id}`)).filter((item) => item.sk === 'PROFILE');

    // The feature module, in this process, with its table behind an endpoint that never answers.
    const dynamo = await silentEndpoint();
    Object.assign(process.env, {
      TABLE_NAME: h.table.name,
      SERVICE_NAME: 'liftlog',
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
      AWS_ENDPOINT_URL_S3: addresses.s3Endpoint(h.runtime.url),
      S3_FORCE_PATH_STYLE: 'true',
      BUCKET_PROFILE_PICTURES: addresses.bucketName('liftlog', 'profile-pictures'),
    });
    const { replaceProfile } = await import('../../../functions/liftlog/users/users.ts');
    const record = { ...before, passwordHash: String(before.passwordHash) } as Parameters<typeof replaceProfile>[0];
    const interrupted = replaceProfile(record, {
      encryptedCurrentPlan: null,
      encryptedProfilePicture: fromB64(randomB64(300_000)),
      encryptedName: null,
      encryptionIV: null,
      rsaPublicKey: null,
    }).catch(() => undefined);
    try {
      await eventually(async () => (await h.pictureObjects(`pending/${user.id}/`)).length === 1);
      // The record still names the picture it had, which is all the final keys hold and what is served.
      const [after] = (await h.table.partition(`USER#${user.id}`)).filter((item) => item.sk === 'PROFILE');
      expect(after.profilePictureObject).toBe(before.profilePictureObject);
      expect(await h.pictureObjects(`${user.id}/`)).toEqual([before.profilePictureObject]);
      expect((await h.app.send('GET', `/user/${user.id}`)).body.encryptedProfilePicture).toBe(served);
    } finally {
      await dynamo.close();
      await interrupted;
    }
  });
});

describe('a picture move cut short', () => {
  const profileOf = async (userId: string) => (await h.table.partition(`USER#${userId}`)).find((item) => item.sk === 'PROFILE')!;
  const movesOf = async (userId: string) => (await h.table.partition('PICTURE_MOVE')).filter((item) => item.userId === userId);

  /** PUT /user with the gate refusing the call `refuse` picks; the request stops there. */
  async function cutShort(user: { id: string; password: string }, picture: string | null, refuse: NonNullable<S3Gate['refuse']>): Promise<void> {
    gate.refuse = refuse;
    try {
      // Sent as plain fetch: a request cut short answers as a crash would, which the contract does not document.
      const answer = await fetch(`${h.app.baseUrl}/user`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: user.id, password: user.password, encryptedProfilePicture: picture }),
      });
      await answer.arrayBuffer();
      expect(answer.status).toBeGreaterThanOrEqual(500);
    } finally {
      gate.refuse = undefined;
    }
  }

  /** Fires the sweep, then waits until the bucket holds exactly what the record names, nothing pending, and no marker. */
  async function sweepLeavesOnly(userId: string, picture: string | null): Promise<void> {
    const fired = await fetch(`${h.runtime.url}/_local/schedules/liftlog/picture-move-sweep`, { method: 'POST' });
    await fired.arrayBuffer();
    expect(fired.status).toBe(202);
    await eventually(
      async () => {
        const profile = await profileOf(userId);
        expect(await h.pictureObjects(`${userId}/`)).toEqual(profile.profilePictureObject ? [profile.profilePictureObject] : []);
        expect(await h.pictureObjects(`pending/${userId}/`)).toEqual([]);
        expect(await movesOf(userId)).toEqual([]);
        return true;
      },
      { intervalMs: 250, what: 'the sweep finishing the move' },
    );
    expect((await h.app.send('GET', `/user/${userId}`)).body.encryptedProfilePicture).toBe(picture);
  }

  it('after the record and marker are written, before the copy: the sweep moves the upload to the key the record names', async () => {
    const user = await h.app.createUser();
    expect((await putPicture(user, randomB64(100_000))).status).toBe(200);
    const picture = randomB64(300_000);

    await cutShort(user, picture, (method, key, req) => method === 'PUT' && key.startsWith(`${user.id}/`) && Boolean(req.headers['x-amz-copy-source']));
    const recorded = String((await profileOf(user.id)).profilePictureObject);
    expect(await h.pictureObjects(`pending/${user.id}/`)).toEqual([`pending/${recorded}`]);
    expect(await h.pictureObjects(`${user.id}/`)).not.toContain(recorded);
    expect(await movesOf(user.id)).toHaveLength(1);

    await sweepLeavesOnly(user.id, picture);
    expect(String((await profileOf(user.id)).profilePictureObject)).toBe(recorded);
  });

  it('after the copy, before the replaced picture is deleted: the sweep deletes the replaced picture', async () => {
    const user = await h.app.createUser();
    expect((await putPicture(user, randomB64(100_000))).status).toBe(200);
    const replaced = String((await profileOf(user.id)).profilePictureObject);
    const picture = randomB64(300_000);

    await cutShort(user, picture, (method, key) => method === 'DELETE' && key === replaced);
    const recorded = String((await profileOf(user.id)).profilePictureObject);
    expect((await h.pictureObjects(`${user.id}/`)).sort()).toEqual([recorded, replaced].sort());
    expect(await movesOf(user.id)).toHaveLength(1);

    await sweepLeavesOnly(user.id, picture);
  });

  it('replacing a bucket picture by none, before it is deleted: the sweep deletes it', async () => {
    const user = await h.app.createUser();
    expect((await putPicture(user, randomB64(100_000))).status).toBe(200);
    const replaced = String((await profileOf(user.id)).profilePictureObject);

    await cutShort(user, null, (method, key) => method === 'DELETE' && key === replaced);
    expect((await profileOf(user.id)).profilePictureObject).toBeUndefined();
    expect(await h.pictureObjects(`${user.id}/`)).toEqual([replaced]);

    await sweepLeavesOnly(user.id, null);
  });
});
