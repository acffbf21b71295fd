/**
 * The S3 operations the local object store answers, with the status codes,
 * headers and XML the AWS SDK expects: buckets (create, head, list), objects
 * (put, copy, get with ranges and conditions, head, delete, batch delete) and
 * ListObjectsV2 with prefixes, delimiters and continuation tokens.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../component.ts';
import type { Bucket, BucketStore, ObjectInfo } from './buckets.ts';
import { readPayload } from './payload.ts';
import { leaf, node, parseDeleteRequest, S3Error, s3Errors, sendXml, xmlDocument } from './xml.ts';

/** Single PUTs are buffered whole; larger uploads would need multipart, which is not offered here. */
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
const MAX_KEYS = 1000;
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';
/** Headers stored with an object and returned on GET/HEAD. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-language', 'expires'];
/** `response-<header>` query parameters that override what GET/HEAD return (used by presigned downloads). */
const RESPONSE_OVERRIDES = ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding'];
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface S3Call {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** '' for the service itself (ListBuckets). */
  bucket: string;
  /** '' for bucket operations. */
  key: string;
  query: URLSearchParams;
  /** Headers every answer carries (request id, CORS). */
  headers: Record<string, string>;
}

export async function serveS3(store: BucketStore, call: S3Call): Promise<void> {
  const { method, bucket, key, query } = call;
  if (!bucket) {
    if (method === 'GET') return listBuckets(store, call);
    throw s3Errors.notImplemented(`${method} /`);
  }
  if (!key) {
    if (method === 'PUT' && ![...query.keys()].length) return createBucket(store, call);
    if (method === 'HEAD') return headBucket(store, call);
    if (method === 'GET' && query.get('list-type') === '2') return listObjectsV2(requireBucket(store, bucket), call);
    if (method === 'POST' && query.has('delete')) return deleteObjects(requireBucket(store, bucket), call);
    throw s3Errors.notImplemented(`${method} on a bucket with ?${[...query.keys()].join('&')}`);
  }
  if (query.has('uploads') || query.has('uploadId')) throw s3Errors.notImplemented('multipart upload');
  switch (method) {
    case 'PUT':
      return call.req.headers['x-amz-copy-source'] ? copyObject(store, requireBucket(store, bucket), call) : putObject(requireBucket(store, bucket), call);
    case 'GET':
    case 'HEAD':
      return getObject(requireBucket(store, bucket), call);
    case 'DELETE':
      return deleteObject(requireBucket(store, bucket), call);
    default:
      throw s3Errors.notImplemented(`${method} on an object`);
  }
}

/** Percent-decoding of a key or bucket from a path or header; a malformed escape is the client's error. */
export function decodePath(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
}

function requireBucket(store: BucketStore, name: string): Bucket {
  const bucket = store.get(name);
  if (!bucket) throw s3Errors.noSuchBucket(name);
  return bucket;
}

function sendEmpty(call: S3Call, status: number, headers: Record<string, string> = {}): void {
  call.res.writeHead(status, { ...call.headers, ...headers });
  call.res.end();
}

function listBuckets(store: BucketStore, call: S3Call): void {
  const buckets = store.all().map((b) => node('Bucket', [leaf('Name', b.name), leaf('CreationDate', b.created.toISOString())]));
  const owner = node('Owner', [leaf('ID', 'local'), leaf('DisplayName', 'local')]);
  sendXml(call.res, 200, xmlDocument('ListAllMyBucketsResult', [owner, node('Buckets', buckets)]), call.headers);
}

async function createBucket(store: BucketStore, call: S3Call): Promise<void> {
  // The optional CreateBucketConfiguration (region) means nothing locally.
  await readBody(call.req);
  if (!BUCKET_NAME.test(call.bucket)) throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: call.bucket });
  if (store.get(call.bucket)) {
    throw new S3Error(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', {
      BucketName: call.bucket,
    });
  }
  await store.ensure(call.bucket);
  sendEmpty(call, 200, { location: `/${call.bucket}` });
}

function headBucket(store: BucketStore, call: S3Call): void {
  requireBucket(store, call.bucket);
  sendEmpty(call, 200, { 'x-amz-bucket-region': 'us-east-1' });
}

const encodeToken = (entry: string) => Buffer.from(entry, 'utf8').toString('base64url');

/** `encoding-type=url` answers keys form-encoded, so keys with characters XML cannot carry survive. */
const urlEncode = (value: string) => encodeURIComponent(value).replace(/%2F/g, '/').replace(/%20/g, '+');

function listObjectsV2(bucket: Bucket, call: S3Call): void {
  const { query } = call;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeysParam = query.get('max-keys') ?? String(MAX_KEYS);
  const maxKeys = Number(maxKeysParam);
  if (!/^\d+$/.test(maxKeysParam)) throw s3Errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxKeysParam);
  const limit = Math.min(maxKeys, MAX_KEYS);
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after') ?? '';
  let after = startAfter;
  if (token !== null) {
    after = Buffer.from(token, 'base64url').toString('utf8');
    if (!token || encodeToken(after) !== token) {
      throw s3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    }
  }
  const encode = query.get('encoding-type') === 'url' ? urlEncode : (value: string) => value;

  // Keys come sorted; a key under a delimiter folds into its common prefix, and both count against max-keys.
  const contents: ObjectInfo[] = [];
  const prefixes: string[] = [];
  let lastEntry = '';
  let truncated = false;
  for (const info of bucket.list(prefix)) {
    const cut = delimiter ? info.key.indexOf(delimiter, prefix.length) : -1;
    const commonPrefix = cut >= 0 ? info.key.slice(0, cut + delimiter.length) : undefined;
    const entry = commonPrefix ?? info.key;
    if (entry <= after || (commonPrefix !== undefined && commonPrefix === prefixes.at(-1))) continue;
    if (contents.length + prefixes.length >= limit) {
      truncated = limit > 0;
      break;
    }
    if (commonPrefix !== undefined) prefixes.push(commonPrefix);
    else contents.push(info);
    lastEntry = entry;
  }

  const children = [leaf('Name', bucket.name), leaf('Prefix', encode(prefix))];
  if (delimiter) children.push(leaf('Delimiter', encode(delimiter)));
  children.push(leaf('MaxKeys', maxKeys), leaf('KeyCount', contents.length + prefixes.length), leaf('IsTruncated', truncated));
  if (query.get('encoding-type') === 'url') children.push(leaf('EncodingType', 'url'));
  if (token !== null) children.push(leaf('ContinuationToken', token));
  if (truncated) children.push(leaf('NextContinuationToken', encodeToken(lastEntry)));
  if (startAfter) children.push(leaf('StartAfter', encode(startAfter)));
  for (const info of contents) {
    children.push(
      node('Contents', [
        leaf('Key', encode(info.key)),
        leaf('LastModified', info.lastModified),
        leaf('ETag', info.etag),
        leaf('Size', info.size),
        leaf('StorageClass', 'STANDARD'),
      ]),
    );
  }
  for (const commonPrefix of prefixes) children.push(node('CommonPrefixes', [leaf('Prefix', encode(commonPrefix))]));
  sendXml(call.res, 200, xmlDocument('ListBucketResult', children), call.headers);
}

function metadataOf(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return metadata;
}

function storedHeadersOf(headers: IncomingHttpHeaders, contentEncoding: string | undefined): Record<string, string> {
  const stored: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') stored[name] = value;
  }
  if (contentEncoding) stored['content-encoding'] = contentEncoding;
  return stored;
}

const etagOf = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;

/** `If-None-Match` / `If-Match` lists: `*` or quoted (possibly weak) entity tags. */
function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || `"${tag}"` === etag;
  });
}

/** Conditional writes: `If-None-Match: *` creates only, `If-Match` replaces only the version the client read. */
function checkWriteConditions(headers: IncomingHttpHeaders, key: string, existing: ObjectInfo | undefined): void {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch && existing && etagMatches(ifNoneMatch, existing.etag)) throw s3Errors.preconditionFailed('If-None-Match');
  const ifMatch = headers['if-match'];
  if (ifMatch && !existing) throw s3Errors.noSuchKey(key);
  if (ifMatch && existing && !etagMatches(ifMatch, existing.etag)) throw s3Errors.preconditionFailed('If-Match');
}

async function putObject(bucket: Bucket, call: S3Call): Promise<void> {
  const { req, key } = call;
  const raw = await readBody(req, MAX_UPLOAD_BYTES);
  if (!raw) throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { MaxSizeAllowed: String(MAX_UPLOAD_BYTES) });
  const payload = readPayload(raw, req.headers, call.query);
  checkWriteConditions(req.headers, key, bucket.head(key));
  const info: ObjectInfo = {
    key,
    size: payload.bytes.length,
    etag: etagOf(payload.bytes),
    lastModified: new Date().toISOString(),
    contentType: req.headers['content-type'] ?? DEFAULT_CONTENT_TYPE,
    metadata: metadataOf(req.headers),
    headers: storedHeadersOf(req.headers, payload.contentEncoding),
  };
  await bucket.write(info, payload.bytes);
  sendEmpty(call, 200, { etag: info.etag });
}

/** `x-amz-copy-source: /bucket/key` (URL-encoded, optionally `?versionId=`). */
async function copyObject(store: BucketStore, bucket: Bucket, call: S3Call): Promise<void> {
  const { req, key } = call;
  await readBody(req);
  const header = String(req.headers['x-amz-copy-source']);
  const [sourceBucketName, ...sourceKeyParts] = decodePath(header.split('?')[0]).replace(/^\//, '').split('/');
  const sourceKey = sourceKeyParts.join('/');
  if (!sourceKey) throw s3Errors.invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', header);
  const sourceBucket = requireBucket(store, sourceBucketName);
  const source = sourceBucket.head(sourceKey);
  if (!source) throw s3Errors.noSuchKey(sourceKey);
  const replace = req.headers['x-amz-metadata-directive'] === 'REPLACE';
  if (!replace && sourceBucket === bucket && sourceKey === key) {
    throw new S3Error(
      400,
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkWriteConditions(req.headers, key, bucket.head(key));
  const body = await sourceBucket.read(source);
  const info: ObjectInfo = {
    ...source,
    key,
    lastModified: new Date().toISOString(),
    ...(replace && {
      contentType: req.headers['content-type'] ?? DEFAULT_CONTENT_TYPE,
      metadata: metadataOf(req.headers),
      headers: storedHeadersOf(req.headers, req.headers['content-encoding']),
    }),
  };
  await bucket.write(info, body);
  sendXml(call.res, 200, xmlDocument('CopyObjectResult', [leaf('LastModified', info.lastModified), leaf('ETag', info.etag)]), call.headers);
}

async function deleteObject(bucket: Bucket, call: S3Call): Promise<void> {
  await bucket.remove(call.key);
  sendEmpty(call, 204);
}

async function deleteObjects(bucket: Bucket, call: S3Call): Promise<void> {
  const raw = await readBody(call.req);
  if (!raw) throw s3Errors.malformedXml();
  const { keys, quiet } = parseDeleteRequest(readPayload(raw, call.req.headers, call.query).bytes.toString('utf8'));
  for (const key of keys) await bucket.remove(key);
  const deleted = quiet ? [] : keys.map((key) => node('Deleted', [leaf('Key', key)]));
  sendXml(call.res, 200, xmlDocument('DeleteResult', deleted), call.headers);
}

/** Time comparisons happen at the one-second precision of HTTP dates. */
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Answers 304 when the client's copy is current; refuses with 412 when a precondition fails. */
function checkReadConditions(headers: IncomingHttpHeaders, info: ObjectInfo): 'not-modified' | undefined {
  const ifMatch = headers['if-match'];
  if (ifMatch && !etagMatches(ifMatch, info.etag)) throw s3Errors.preconditionFailed('If-Match');
  const ifUnmodifiedSince = headers['if-unmodified-since'];
  if (!ifMatch && ifUnmodifiedSince && seconds(info.lastModified) > Date.parse(ifUnmodifiedSince) / 1000) {
    throw s3Errors.preconditionFailed('If-Unmodified-Since');
  }
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch) return etagMatches(ifNoneMatch, info.etag) ? 'not-modified' : undefined;
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince && seconds(info.lastModified) <= Date.parse(ifModifiedSince) / 1000) return 'not-modified';
  return undefined;
}

/** One `bytes=` range; anything S3 would ignore (several ranges, bad syntax) means the whole object. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return undefined;
  if (!match[1]) {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] && Number(match[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: match[2] ? Math.min(Number(match[2]), size - 1) : size - 1 };
}

function objectHeaders(info: ObjectInfo, query: URLSearchParams): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': info.contentType,
    etag: info.etag,
    'last-modified': new Date(info.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    ...info.headers,
  };
  for (const [name, value] of Object.entries(info.metadata)) headers[`x-amz-meta-${name}`] = value;
  for (const name of RESPONSE_OVERRIDES) {
    const value = query.get(`response-${name}`);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

async function getObject(bucket: Bucket, call: S3Call): Promise<void> {
  const { req, res, key } = call;
  const info = bucket.head(key);
  if (!info) throw s3Errors.noSuchKey(key);
  const headers = { ...call.headers, ...objectHeaders(info, call.query) };
  if (checkReadConditions(req.headers, info) === 'not-modified') {
    res.writeHead(304, { ...call.headers, etag: info.etag, 'last-modified': headers['last-modified'] });
    res.end();
    return;
  }
  const range = parseRange(req.headers.range, info.size);
  if (range === 'unsatisfiable') {
    throw new S3Error(
      416,
      'InvalidRange',
      'The requested range is not satisfiable',
      { RangeRequested: String(req.headers.range), ActualObjectSize: String(info.size) },
      { 'content-range': `bytes */${info.size}` },
    );
  }
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  const length = Math.max(0, end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${info.size}`;
  const body = call.method === 'HEAD' ? undefined : await bucket.read(info);
  res.writeHead(range ? 206 : 200, { ...headers, 'content-length': String(length) });
  res.end(body?.subarray(start, start + length));
}
