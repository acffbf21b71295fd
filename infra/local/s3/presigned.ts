/**
 * Query-string (presigned URL) authentication as S3 checks it: the URL must not
 * have expired, and its signature must be the one the local credentials give
 * for the same request, recomputed with the SDK's own SigV4 signer.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS } from '../addresses.ts';
import { S3Error } from './xml.ts';

/** S3 refuses presigned URLs valid for longer than a week. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
/** How far ahead of the server's clock a signing date may be. */
const CLOCK_SKEW_MS = 15 * 60 * 1000;

type SourceData = string | ArrayBuffer | ArrayBufferView;
const toBuffer = (data: SourceData) =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** The hash the signer needs, on node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const queryError = (message: string) => new S3Error(400, 'AuthorizationQueryParametersError', message);

/** `20260102T030405Z` → epoch ms. */
function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

export interface PresignedRequest {
  method: string;
  /** The path exactly as received (still percent-encoded): S3 signs it unnormalized. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export async function verifyPresigned(request: PresignedRequest, now = Date.now()): Promise<void> {
  const { query } = request;
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const [accessKeyId, , region, service, terminator] = (query.get('X-Amz-Credential') ?? '').split('/');
  const signedAt = parseAmzDate(query.get('X-Amz-Date') ?? '');
  const expires = Number(query.get('X-Amz-Expires'));
  const signature = query.get('X-Amz-Signature');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  if (terminator !== 'aws4_request' || signedAt === undefined || !Number.isInteger(expires) || !signature || !signedHeaders) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (expires < 1 || expires > MAX_EXPIRES_SECONDS) throw queryError(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_EXPIRES_SECONDS}`);
  if (accessKeyId !== LOCAL_CREDENTIALS.accessKeyId) {
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId });
  }
  if (now > signedAt + expires * 1000) {
    throw new S3Error(403, 'AccessDenied', 'Request has expired', {
      'X-Amz-Expires': String(expires),
      Expires: new Date(signedAt + expires * 1000).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
  if (signedAt > now + CLOCK_SKEW_MS) throw new S3Error(403, 'AccessDenied', 'Request is not valid yet');

  const names = signedHeaders.split(';');
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // Presigned payloads are never hashed; the signer reads that from this header, kept out of the signed set.
  headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  const unsignedQuery: Record<string, string | string[]> = {};
  for (const [name, value] of query) {
    if (name === 'X-Amz-Signature') continue;
    const previous = unsignedQuery[name];
    unsignedQuery[name] = previous === undefined ? value : [previous, value].flat();
  }

  const signer = new SignatureV4({ credentials: LOCAL_CREDENTIALS, region, service, sha256: Sha256, uriEscapePath: false });
  const expected = await signer.presign(
    { method: request.method, protocol: 'http:', hostname: String(request.headers.host ?? ''), path: request.rawPath, query: unsignedQuery, headers },
    {
      signingDate: new Date(signedAt),
      expiresIn: expires,
      signingRegion: region,
      signingService: service,
      signableHeaders: new Set(names),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set([...names, 'x-amz-content-sha256']),
    },
  );
  if (expected.query?.['X-Amz-Signature'] !== signature) {
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
}
