/**
 * Objects in the service's buckets, addressed by the bucket's manifest name
 * (`audio`); the function finds the real bucket name in BUCKET_<NAME>. One
 * client per execution environment; locally the runtime points it at its S3
 * stand-in (AWS_ENDPOINT_URL_S3, S3_FORCE_PATH_STYLE=true).
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { envNames } from '#shared/manifest';

// Made on first use and kept for the execution environment; a bundle whose handler never
// touches S3 then drops the client entirely (reading process.env at module scope would pin it).
let client: S3Client | undefined;
const s3 = (): S3Client =>
  (client ??= new S3Client({
    forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
    // By default the SDK signs the CRC32 of the (empty) body into presigned PUT URLs, and the real upload then fails the check.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  }));

/** S3's default lifetime of a presigned URL. */
const DEFAULT_EXPIRES_SECONDS = 900;
/** DeleteObjects takes at most this many keys. */
const DELETE_BATCH = 1000;

export function bucketName(bucket: string): string {
  const variable = envNames.bucket(bucket);
  const name = process.env[variable];
  if (!name) throw new Error(`${variable} is not set: the function has no bucket '${bucket}'`);
  return name;
}

/** A URL a client PUTs the object's bytes to, without credentials of its own. */
export function presignUpload(bucket: string, key: string, options: { contentType?: string; expiresIn?: number } = {}): Promise<string> {
  return getSignedUrl(s3(), new PutObjectCommand({ Bucket: bucketName(bucket), Key: key, ContentType: options.contentType }), {
    expiresIn: options.expiresIn ?? DEFAULT_EXPIRES_SECONDS,
  });
}

/** A URL a client GETs the object from; the content type and disposition it answers with can be chosen here. */
export function presignDownload(
  bucket: string,
  key: string,
  options: { expiresIn?: number; contentType?: string; contentDisposition?: string } = {},
): Promise<string> {
  const command = new GetObjectCommand({
    Bucket: bucketName(bucket),
    Key: key,
    ResponseContentType: options.contentType,
    ResponseContentDisposition: options.contentDisposition,
  });
  return getSignedUrl(s3(), command, { expiresIn: options.expiresIn ?? DEFAULT_EXPIRES_SECONDS });
}

/** Stores the object; resolves with its ETag. */
export async function putObject(
  bucket: string,
  key: string,
  body: Uint8Array | string,
  options: { contentType?: string; metadata?: Record<string, string> } = {},
): Promise<string> {
  const result = await s3().send(
    new PutObjectCommand({ Bucket: bucketName(bucket), Key: key, Body: body, ContentType: options.contentType, Metadata: options.metadata }),
  );
  return result.ETag ?? '';
}

/** The object's bytes, or undefined when there is no such object. */
export async function getObjectBytes(bucket: string, key: string): Promise<Uint8Array | undefined> {
  try {
    const result = await s3().send(new GetObjectCommand({ Bucket: bucketName(bucket), Key: key }));
    return await result.Body!.transformToByteArray();
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

/** Copies an object within the bucket (S3 copies up to 5 GB in one request, without the bytes passing through here). */
export async function copyObject(bucket: string, fromKey: string, toKey: string): Promise<void> {
  const name = bucketName(bucket);
  await s3().send(new CopyObjectCommand({ Bucket: name, Key: toKey, CopySource: `${name}/${fromKey.split('/').map(encodeURIComponent).join('/')}` }));
}

/** Deleting an object that is not there succeeds, as in S3. */
export async function deleteObject(bucket: string, key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucketName(bucket), Key: key }));
}

/** Deletes every object under `prefix` (never the whole bucket); resolves with how many were deleted. */
export async function deleteObjects(bucket: string, prefix: string): Promise<number> {
  if (!prefix) throw new Error('deleteObjects needs a prefix: it never empties a whole bucket');
  const name = bucketName(bucket);
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: name, Prefix: prefix, ContinuationToken: token, MaxKeys: DELETE_BATCH }));
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (keys.length) {
      const result = await s3().send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: keys, Quiet: true } }));
      if (result.Errors?.length) {
        const first = result.Errors[0];
        throw new Error(`could not delete ${result.Errors.length} objects under ${prefix}, e.g. ${first.Key}: ${first.Code} ${first.Message}`);
      }
      deleted += keys.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}
