/**
 * The S3 stand-in at `/_aws/s3` (path-style: `/_aws/s3/<bucket>/<key>`): the
 * manifests' buckets, served to the real `@aws-sdk/client-s3` and to browsers
 * holding presigned URLs. Header-signed SDK calls are trusted; presigned URLs
 * are checked for expiry and signature as S3 does; anonymous calls are refused,
 * as by a private bucket. Buckets declared with `cors: true` answer browsers
 * with the CORS rule the stack gives them on AWS.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { addresses } from '../addresses.ts';
import type { Component, RuntimeContext } from '../component.ts';
import { decodePath, serveS3 } from './api.ts';
import { BucketStore, type Bucket } from './buckets.ts';
import { verifyPresigned } from './presigned.ts';
import { S3Error, s3Errors, sendError } from './xml.ts';

const PREFIX = new URL(addresses.s3Endpoint('http://local')).pathname;

/** Query parameters decoded without turning `+` into a space: SigV4 signs them percent-encoded only. */
function parseQuery(raw: string): URLSearchParams {
  const query = new URLSearchParams();
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    query.append(decodePath(name), decodePath(value));
  }
  return query;
}

/**
 * As infra/storage.ts configures a `cors: true` bucket: the service's web
 * origins may GET, HEAD, PUT and POST with any header and read the ETag.
 */
const CORS_RULE = { allowedMethods: ['GET', 'HEAD', 'PUT', 'POST'], exposedHeaders: ['ETag'], maxAgeSeconds: 3600 };
const CORS_VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

/** What Access-Control-Allow-Origin answers this origin, if the bucket lets it in at all. */
function allowedOrigin(bucket: Bucket | undefined, origin: string | undefined): string | undefined {
  const origins = bucket?.corsOrigins;
  if (!origins || !origin) return undefined;
  if (origins.includes('*')) return '*';
  return origins.includes(origin) ? origin : undefined;
}

const corsForbidden = (reason: string) => new S3Error(403, 'AccessForbidden', `CORSResponse: ${reason}`);

export class ObjectStore implements Component {
  private readonly store: BucketStore;

  constructor(
    readonly ctx: RuntimeContext,
    readonly options: { dataDir?: string } = {},
  ) {
    this.store = new BucketStore(options.dataDir && path.join(options.dataDir, 's3'));
  }

  async start(): Promise<void> {
    await this.store.load();
    for (const manifest of this.ctx.services) {
      for (const bucket of manifest.buckets ?? []) {
        const corsOrigins = bucket.cors ? (manifest.http.cors?.allowOrigins ?? ['*']) : undefined;
        await this.store.ensure(addresses.bucketName(manifest.name, bucket.name), { corsOrigins });
      }
    }
  }

  async stop(): Promise<void> {}

  describe(): string[] {
    const endpoint = addresses.s3Endpoint(this.ctx.baseUrl);
    return this.store
      .all()
      .map((bucket) => `bucket   S3      ${endpoint}/${bucket.name}${bucket.corsOrigins ? `  (CORS ${bucket.corsOrigins.join(' ')})` : ''}`);
  }

  async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const raw = req.url ?? '/';
    const queryAt = raw.indexOf('?');
    const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
    if (rawPath !== PREFIX && !rawPath.startsWith(`${PREFIX}/`)) return false;

    const method = req.method ?? 'GET';
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    let headers: Record<string, string> = { 'x-amz-request-id': requestId };
    try {
      const query = parseQuery(queryAt < 0 ? '' : raw.slice(queryAt + 1));
      const rest = rawPath.slice(PREFIX.length + 1);
      const slash = rest.indexOf('/');
      const bucket = decodePath(slash < 0 ? rest : rest.slice(0, slash));
      const key = slash < 0 ? '' : decodePath(rest.slice(slash + 1));
      const target = bucket ? this.store.get(bucket) : undefined;
      if (method === 'OPTIONS') return this.preflight(req, res, bucket, target, requestId);
      const origin = allowedOrigin(target, req.headers.origin);
      if (origin)
        headers = { ...headers, 'access-control-allow-origin': origin, 'access-control-expose-headers': CORS_RULE.exposedHeaders.join(', '), vary: CORS_VARY };
      await this.authenticate(req, method, rawPath, query);
      await serveS3(this.store, { req, res, method, bucket, key, query, headers });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return true;
      }
      if (!(error instanceof S3Error)) this.ctx.log(`✖ s3: ${(error as Error).stack ?? error}`);
      const s3Error = error instanceof S3Error ? error : new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
      sendError(res, s3Error, requestId, method !== 'HEAD', headers);
    }
    return true;
  }

  private async authenticate(req: IncomingMessage, method: string, rawPath: string, query: URLSearchParams): Promise<void> {
    if (query.has('X-Amz-Algorithm') || query.has('X-Amz-Signature')) {
      await verifyPresigned({ method, rawPath, query, headers: req.headers });
      return;
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) throw s3Errors.accessDenied();
  }

  private preflight(req: IncomingMessage, res: ServerResponse, name: string, bucket: Bucket | undefined, requestId: string): true {
    const requestedMethod = req.headers['access-control-request-method'];
    if (!req.headers.origin || !requestedMethod) throw new S3Error(400, 'BadRequest', 'Insufficient information. Origin request header needed.');
    if (!bucket) throw corsForbidden(`Bucket not found: ${name}`);
    if (!bucket.corsOrigins) throw corsForbidden('CORS is not enabled for this bucket.');
    const origin = allowedOrigin(bucket, req.headers.origin);
    if (!origin || !CORS_RULE.allowedMethods.includes(requestedMethod)) {
      throw corsForbidden('This CORS request is not allowed. The origin or the request method is not allowed by the CORS rules of this bucket.');
    }
    const requestedHeaders = req.headers['access-control-request-headers'];
    res.writeHead(200, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': CORS_RULE.allowedMethods.join(', '),
      ...(requestedHeaders && { 'access-control-allow-headers': requestedHeaders }),
      'access-control-expose-headers': CORS_RULE.exposedHeaders.join(', '),
      'access-control-max-age': String(CORS_RULE.maxAgeSeconds),
      vary: CORS_VARY,
      'x-amz-request-id': requestId,
      'content-length': '0',
    });
    res.end();
    return true;
  }
}
