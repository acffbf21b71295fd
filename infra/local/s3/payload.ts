/**
 * Request bodies as S3 takes them in: the `aws-chunked` framing that recent SDKs
 * use for streamed uploads removed, and every checksum the client declared
 * (header, trailer or presigned query) checked against the bytes received.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { S3Error } from './xml.ts';

export interface Payload {
  bytes: Buffer;
  /** The client's own Content-Encoding, with the transfer framing taken out. */
  contentEncoding?: string;
}

const badDigest = (what: string) => new S3Error(400, 'BadDigest', `The ${what} you specified did not match the calculated checksum.`);
const incompleteBody = () => new S3Error(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');

/** Algorithms whose declared value can be recomputed here; CRC32C and CRC64NVME have no Node built-in and pass unchecked. */
const CHECKSUMS: Record<string, (bytes: Buffer) => string> = {
  crc32: (bytes) => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(bytes));
    return out.toString('base64');
  },
  sha1: (bytes) => createHash('sha1').update(bytes).digest('base64'),
  sha256: (bytes) => createHash('sha256').update(bytes).digest('base64'),
};

function isChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

/**
 * `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` repeated, a zero-size chunk,
 * then trailer lines (`x-amz-checksum-crc32:…`) and an empty line.
 */
export function decodeAwsChunked(body: Buffer): { bytes: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) throw incompleteBody();
    const size = parseInt(body.toString('latin1', at, lineEnd).split(';')[0], 16);
    if (Number.isNaN(size)) throw incompleteBody();
    at = lineEnd + 2;
    if (size === 0) break;
    if (at + size + 2 > body.length || body.toString('latin1', at + size, at + size + 2) !== '\r\n') throw incompleteBody();
    chunks.push(body.subarray(at, at + size));
    at += size + 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of body.toString('latin1', at).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { bytes: Buffer.concat(chunks), trailers };
}

const isChecksumField = (name: string) => name.startsWith('x-amz-checksum-') || name === 'content-md5';

/**
 * Presigned URLs count too: SDK versions from 3.729 sign the CRC32 of an empty
 * body into PutObject URLs unless the client opts out, and strict S3
 * implementations then refuse the real upload. Refusing it here as well shows
 * the mistake locally instead of after deploy.
 */
function verifyChecksums(bytes: Buffer, declared: Record<string, string>): void {
  for (const [name, value] of Object.entries(declared)) {
    const algorithm = /^x-amz-checksum-([a-z0-9]+)$/.exec(name)?.[1];
    const compute = algorithm && CHECKSUMS[algorithm];
    if (compute && compute(bytes) !== value) throw badDigest(algorithm.toUpperCase());
  }
  const md5 = declared['content-md5'];
  if (md5 && createHash('md5').update(bytes).digest('base64') !== md5) throw badDigest('Content-MD5');
}

export function readPayload(raw: Buffer, headers: IncomingHttpHeaders, query: URLSearchParams): Payload {
  const declared: Record<string, string> = {};
  for (const [name, value] of query) if (isChecksumField(name.toLowerCase())) declared[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(headers)) if (isChecksumField(name) && typeof value === 'string') declared[name] = value;

  let bytes = raw;
  let contentEncoding = headers['content-encoding'];
  if (isChunked(headers)) {
    const decoded = decodeAwsChunked(raw);
    bytes = decoded.bytes;
    Object.assign(declared, decoded.trailers);
    const expected = headers['x-amz-decoded-content-length'];
    if (expected !== undefined && Number(expected) !== bytes.length) throw incompleteBody();
    contentEncoding = contentEncoding
      ?.split(',')
      .map((e) => e.trim())
      .filter((e) => e && e !== 'aws-chunked')
      .join(',');
  }
  verifyChecksums(bytes, declared);
  return { bytes, contentEncoding: contentEncoding || undefined };
}
