/**
 * A large profile picture is uploaded under the bucket's pending prefix
 * (which a lifecycle rule empties after a day) and moved to the key its user
 * record names only after that record is written: an upload interrupted in
 * between leaves an object under the pending prefix only, and the reader keeps
 * serving the picture the record names.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import liftlog from '../../../functions/liftlog/service.ts';
import { eventually, fromB64, randomB64, startLiftlog, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
beforeAll(async () => {
  h = await startLiftlog();
});
afterAll(() => h?.stop());

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
