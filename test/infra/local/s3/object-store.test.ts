import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  BucketAlreadyOwnedByYou,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses } from '../../../../infra/local/addresses.ts';
import objectStoreService from '../../../fixtures/object-store-service/service.ts';
import { sharedRuntime, startTestRuntime } from '../../../support/runtime.ts';

const PRIVATE = addresses.bucketName('object-store-service', 'private');
const UPLOADS = addresses.bucketName('object-store-service', 'uploads');
const APP_ORIGIN = 'https://app.example';

const clientFor = (url: string, options: { checksums?: 'WHEN_REQUIRED' } = {}) =>
  new S3Client({
    region: 'us-east-1',
    endpoint: addresses.s3Endpoint(url),
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestChecksumCalculation: options.checksums,
  });

/** Every byte value, then random bytes: nothing may be altered in transit or at rest. */
const binary = (size = 4096) => Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(size)]);
const md5 = (bytes: Uint8Array) => `"${createHash('md5').update(bytes).digest('hex')}"`;

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as S3ServiceException;
  }
  throw new Error('expected the call to fail');
}

const runtime = sharedRuntime({ services: [objectStoreService] });
let s3: S3Client;
/** Presigns as the storage helpers do: without the SDK's default checksum of an empty body. */
let presigner: S3Client;

beforeAll(() => {
  s3 = clientFor(runtime.url);
  presigner = clientFor(runtime.url, { checksums: 'WHEN_REQUIRED' });
});
afterAll(async () => {
  s3?.destroy();
  presigner?.destroy();
});

describe('S3 objects through @aws-sdk/client-s3', () => {
  it('round-trips binary content byte for byte with its content type, metadata and MD5 ETag', async () => {
    const body = binary();
    const put = await s3.send(
      new PutObjectCommand({ Bucket: PRIVATE, Key: 'round/trip.bin', Body: body, ContentType: 'image/png', Metadata: { owner: 'u-1' } }),
    );
    expect(put.ETag).toBe(md5(body));

    const got = await s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'round/trip.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(got.ContentType).toBe('image/png');
    expect(got.Metadata).toEqual({ owner: 'u-1' });
    expect(got.ETag).toBe(md5(body));
    expect(got.LastModified).toBeInstanceOf(Date);

    const head = await s3.send(new HeadObjectCommand({ Bucket: PRIVATE, Key: 'round/trip.bin' }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ETag).toBe(md5(body));
  });

  it('decodes streamed uploads the SDK sends aws-chunked with a checksum trailer', async () => {
    const parts = [randomBytes(1000), randomBytes(70_000), Buffer.from([0, 13, 10, 48, 13, 10])];
    const body = Buffer.concat(parts);
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'streamed', Body: Readable.from(parts), ContentLength: body.length }));
    const got = await s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'streamed' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('keeps keys with spaces, plus signs and unicode intact', async () => {
    const key = 'folder/a b+c/ção ✓.txt';
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: key, Body: 'x' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: PRIVATE, Prefix: 'folder/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);
    const got = await s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: key }));
    expect(await got.Body!.transformToString()).toBe('x');
  });

  it('raises NoSuchKey for a missing key, and NotFound with 404 on HEAD', async () => {
    const error = await failure(s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'missing' })));
    expect(error).toBeInstanceOf(NoSuchKey);
    expect(error.$metadata.httpStatusCode).toBe(404);
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: PRIVATE, Key: 'missing' })));
    expect(head.name).toBe('NotFound');
    expect(head.$metadata.httpStatusCode).toBe(404);
  });

  it('raises NoSuchBucket for a bucket no manifest declares', async () => {
    const error = await failure(s3.send(new GetObjectCommand({ Bucket: 'object-store-service-nope', Key: 'k' })));
    expect(error).toBeInstanceOf(NoSuchBucket);
  });

  it('answers a Range GET with 206 and only those bytes, and 416 InvalidRange past the end', async () => {
    const body = binary(100);
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'ranged', Body: body }));

    const middle = await s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'ranged', Range: 'bytes=10-19' }));
    expect(middle.$metadata.httpStatusCode).toBe(206);
    expect(middle.ContentRange).toBe(`bytes 10-19/${body.length}`);
    expect(Buffer.from(await middle.Body!.transformToByteArray()).equals(body.subarray(10, 20))).toBe(true);

    const suffix = await s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'ranged', Range: 'bytes=-5' }));
    expect(Buffer.from(await suffix.Body!.transformToByteArray()).equals(body.subarray(-5))).toBe(true);

    const past = await failure(s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'ranged', Range: `bytes=${body.length}-` })));
    expect(past.name).toBe('InvalidRange');
    expect(past.$metadata.httpStatusCode).toBe(416);
  });

  it('deletes one object, and many with DeleteObjects', async () => {
    for (const key of ['del/1', 'del/2', 'del/3', 'del/4']) await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: key, Body: key }));

    await s3.send(new DeleteObjectCommand({ Bucket: PRIVATE, Key: 'del/1' }));
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'del/1' })))).toBeInstanceOf(NoSuchKey);

    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: PRIVATE, Delete: { Objects: [{ Key: 'del/2' }, { Key: 'del/3' }, { Key: 'del/never' }] } }),
    );
    expect(result.Deleted?.map((d) => d.Key).sort()).toEqual(['del/2', 'del/3', 'del/never']);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: PRIVATE, Prefix: 'del/' }));
    expect(left.Contents?.map((o) => o.Key)).toEqual(['del/4']);
  });

  it('lists with prefix and delimiter, folding keys into common prefixes', async () => {
    for (const key of ['tree/a/1', 'tree/a/2', 'tree/b/1', 'tree/b/2/x', 'tree/c']) {
      await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: key, Body: key }));
    }
    const top = await s3.send(new ListObjectsV2Command({ Bucket: PRIVATE, Prefix: 'tree/', Delimiter: '/' }));
    expect(top.Contents?.map((o) => o.Key)).toEqual(['tree/c']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['tree/a/', 'tree/b/']);
    expect(top.KeyCount).toBe(3);
    expect(top.Contents?.[0].Size).toBe('tree/c'.length);

    const inner = await s3.send(new ListObjectsV2Command({ Bucket: PRIVATE, Prefix: 'tree/b/', Delimiter: '/' }));
    expect(inner.Contents?.map((o) => o.Key)).toEqual(['tree/b/1']);
    expect(inner.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['tree/b/2/']);
  });

  it('pages a listing by max-keys with continuation tokens, every key exactly once', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `page/${i}`);
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: key, Body: key }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: PRIVATE, Prefix: 'page/', MaxKeys: 3, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!));
      expect(page.IsTruncated).toBe(pages < 2);
      token = page.NextContinuationToken;
      pages++;
    } while (token);
    expect(seen).toEqual(keys);
    expect(pages).toBe(3);
  });

  it('copies an object with its content type and metadata', async () => {
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'copy/src', Body: 'copied', ContentType: 'text/plain', Metadata: { a: '1' } }));
    await s3.send(new CopyObjectCommand({ Bucket: UPLOADS, Key: 'copy/dst', CopySource: `${PRIVATE}/copy/src` }));
    const got = await s3.send(new GetObjectCommand({ Bucket: UPLOADS, Key: 'copy/dst' }));
    expect(await got.Body!.transformToString()).toBe('copied');
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ a: '1' });
  });

  it('refuses a second create-only PUT (If-None-Match: *) with 412', async () => {
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'once', Body: 'first', IfNoneMatch: '*' }));
    const error = await failure(s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'once', Body: 'second', IfNoneMatch: '*' })));
    expect(error.$metadata.httpStatusCode).toBe(412);
    const got = await s3.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'once' }));
    expect(await got.Body!.transformToString()).toBe('first');
  });

  it('refuses a body that does not match its declared CRC32 with BadDigest', async () => {
    const error = await failure(s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'digest', Body: 'hello', ChecksumCRC32: 'AAAAAA==' })));
    expect(error.name).toBe('BadDigest');
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: PRIVATE, Key: 'digest' })))).toHaveProperty('name', 'NotFound');
  });

  it('refuses anonymous requests with 403 AccessDenied, as a private bucket does', async () => {
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'anon', Body: 'secret' }));
    const response = await fetch(`${addresses.s3Endpoint(runtime.url)}/${PRIVATE}/anon`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });
});

describe('S3 buckets through @aws-sdk/client-s3', () => {
  it("has the manifest's buckets from the start", async () => {
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual(expect.arrayContaining([PRIVATE, UPLOADS]));
    await s3.send(new HeadBucketCommand({ Bucket: UPLOADS }));
  });

  it('creates a bucket once: HeadBucket finds it, a second CreateBucket raises BucketAlreadyOwnedByYou', async () => {
    expect((await failure(s3.send(new HeadBucketCommand({ Bucket: 'made-by-test' })))).$metadata.httpStatusCode).toBe(404);
    await s3.send(new CreateBucketCommand({ Bucket: 'made-by-test' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'made-by-test' }));
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'made-by-test' })))).toBeInstanceOf(BucketAlreadyOwnedByYou);
  });
});

describe('presigned URLs', () => {
  it('accepts a presigned PUT and then a presigned GET from plain fetch, byte for byte', async () => {
    const body = binary();
    const putUrl = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: PRIVATE, Key: 'signed/a b.bin' }), { expiresIn: 60 });
    const put = await fetch(putUrl, { method: 'PUT', body, headers: { 'content-type': 'audio/mp4' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(md5(body));

    const getUrl = await getSignedUrl(presigner, new GetObjectCommand({ Bucket: PRIVATE, Key: 'signed/a b.bin' }), { expiresIn: 60 });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('audio/mp4');
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);
  });

  it('answers 403 AccessDenied "Request has expired" once X-Amz-Expires has passed', async () => {
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'expiring', Body: 'x' }));
    const url = await getSignedUrl(presigner, new GetObjectCommand({ Bucket: PRIVATE, Key: 'expiring' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('Request has expired');
  });

  it('answers 403 SignatureDoesNotMatch for a URL whose key, expiry or signature was changed', async () => {
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'mine', Body: 'mine' }));
    await s3.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'theirs', Body: 'theirs' }));
    const url = await getSignedUrl(presigner, new GetObjectCommand({ Bucket: PRIVATE, Key: 'mine' }), { expiresIn: 60 });
    expect((await fetch(url)).status).toBe(200);

    const otherKey = url.replace('/mine?', '/theirs?');
    const longer = url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600');
    const signature = new URL(url).searchParams.get('X-Amz-Signature')!;
    const forged = url.replace(
      signature,
      signature.replace(/^./, (c) => (c === '0' ? '1' : '0')),
    );
    for (const tampered of [otherKey, longer, forged]) {
      const response = await fetch(tampered);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    }
  });

  it('refuses a presigned PUT that signed the SDK default CRC32 of an empty body (BadDigest)', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: PRIVATE, Key: 'checksummed' }), { expiresIn: 60 });
    expect(new URL(url).searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    const response = await fetch(url, { method: 'PUT', body: 'real content' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>BadDigest</Code>');
  });
});

describe('CORS on buckets declared with cors: true', () => {
  const preflight = (bucket: string, origin: string, method = 'PUT') =>
    fetch(`${addresses.s3Endpoint(runtime.url)}/${bucket}/some/key`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
    });

  it("answers a browser's preflight for the service's web origin", async () => {
    const response = await preflight(UPLOADS, APP_ORIGIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('lets the browser read the ETag of its upload', async () => {
    const url = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: UPLOADS, Key: 'browser' }), { expiresIn: 60 });
    const response = await fetch(url, { method: 'PUT', body: 'from a browser', headers: { origin: APP_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toBe('ETag');
  });

  it('refuses preflights from other origins, for other methods, and on buckets without CORS', async () => {
    expect((await preflight(UPLOADS, 'https://evil.example')).status).toBe(403);
    expect((await preflight(UPLOADS, APP_ORIGIN, 'DELETE')).status).toBe(403);
    expect((await preflight(PRIVATE, APP_ORIGIN)).status).toBe(403);
  });
});

describe('storage helpers inside a handler (shared/storage/objects.ts)', () => {
  it('hand out a presigned upload URL for the bucket named in the environment, and a download URL for it', async () => {
    const body = binary();
    const presigned = await fetch(`${runtime.url}/object-store-service/uploads`, {
      method: 'POST',
      body: JSON.stringify({ key: 'avatar.png', contentType: 'image/png' }),
    });
    expect(presigned.status).toBe(201);
    const { url } = (await presigned.json()) as { url: string };
    expect(url.startsWith(`${addresses.s3Endpoint(runtime.url)}/${UPLOADS}/avatar.png?`)).toBe(true);

    expect((await fetch(url, { method: 'PUT', body, headers: { 'content-type': 'image/png' } })).status).toBe(200);
    const stored = await s3.send(new GetObjectCommand({ Bucket: UPLOADS, Key: 'avatar.png' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(body)).toBe(true);

    const download = (await (await fetch(`${runtime.url}/object-store-service/uploads/avatar.png`)).json()) as { url: string };
    const got = await fetch(download.url);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="avatar.png"');
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);
  });
});

describe('the store itself', () => {
  it('describes one line per bucket', () => {
    const lines = runtime.objects.describe();
    const uploadLines = lines.filter((l) => l.includes(`/${UPLOADS}`));
    const privateLines = lines.filter((l) => l.includes(`/${PRIVATE}`));
    expect(uploadLines).toHaveLength(1);
    expect(privateLines).toHaveLength(1);
    expect(uploadLines[0]).toContain(`CORS ${APP_ORIGIN}`);
    expect(privateLines[0]).not.toContain('CORS');
  });

  it('keeps objects across a restart when given a data directory', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'object-store-service-'));
    try {
      const body = binary();
      const first = await startTestRuntime({ services: [objectStoreService], dataDir });
      const client = clientFor(first.url);
      await client.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'kept/file.bin', Body: body, ContentType: 'image/jpeg', Metadata: { m: 'v' } }));
      await client.send(new PutObjectCommand({ Bucket: PRIVATE, Key: 'kept/gone', Body: 'x' }));
      await client.send(new DeleteObjectCommand({ Bucket: PRIVATE, Key: 'kept/gone' }));
      client.destroy();
      await first.stop();

      const second = await startTestRuntime({ services: [objectStoreService], dataDir });
      const again = clientFor(second.url);
      try {
        const listed = await again.send(new ListObjectsV2Command({ Bucket: PRIVATE, Prefix: 'kept/' }));
        expect(listed.Contents?.map((o) => o.Key)).toEqual(['kept/file.bin']);
        const got = await again.send(new GetObjectCommand({ Bucket: PRIVATE, Key: 'kept/file.bin' }));
        expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
        expect(got.ContentType).toBe('image/jpeg');
        expect(got.Metadata).toEqual({ m: 'v' });
      } finally {
        again.destroy();
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
