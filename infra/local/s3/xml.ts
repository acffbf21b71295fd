/**
 * The XML of the S3 REST API: the documents the local object store answers with
 * (listings, delete results, errors) and the few it reads (DeleteObjects).
 */
import type { ServerResponse } from 'node:http';

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity]!;
  });
}

/** `<name>value</name>`, the value escaped. */
export const leaf = (name: string, value: string | number | boolean) => `<${name}>${escapeXml(String(value))}</${name}>`;

/** `<name>…</name>` around already-built elements. */
export const node = (name: string, children: string[]) => `<${name}>${children.join('')}</${name}>`;

export const xmlDocument = (root: string, children: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NAMESPACE}">${children.join('')}</${root}>`;

export function sendXml(res: ServerResponse, status: number, document: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(document) });
  res.end(document);
}

/** A failure the S3 API reports with its code; the SDK turns the code into an exception class. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements of the error document (`Key`, `BucketName`, ...). */
    readonly details: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

export const s3Errors = {
  noSuchBucket: (bucket: string) => new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket }),
  noSuchKey: (key: string) => new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key }),
  accessDenied: () => new S3Error(403, 'AccessDenied', 'Access Denied'),
  notImplemented: (what: string) => new S3Error(501, 'NotImplemented', `A header or query you provided implies functionality that is not implemented: ${what}`),
  malformedXml: () => new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema'),
  invalidArgument: (message: string, name: string, value: string) => new S3Error(400, 'InvalidArgument', message, { ArgumentName: name, ArgumentValue: value }),
  preconditionFailed: (condition: string) =>
    new S3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: condition }),
};

/** HEAD answers carry no body, so the SDK names the error after the status (`NotFound`). */
export function sendError(res: ServerResponse, error: S3Error, requestId: string, withBody: boolean, headers: Record<string, string> = {}): void {
  const all = { ...headers, ...error.headers, 'x-amz-request-id': requestId };
  if (!withBody) {
    res.writeHead(error.status, all);
    res.end();
    return;
  }
  const details = Object.entries(error.details).map(([name, value]) => leaf(name, value));
  const document = `<?xml version="1.0" encoding="UTF-8"?>\n${node('Error', [
    leaf('Code', error.code),
    leaf('Message', error.message),
    ...details,
    leaf('RequestId', requestId),
  ])}`;
  sendXml(res, error.status, document, all);
}

/** The keys of a DeleteObjects request and whether only failures are reported. */
export function parseDeleteRequest(xml: string): { keys: string[]; quiet: boolean } {
  if (!/<Delete[\s>]/.test(xml)) throw s3Errors.malformedXml();
  const keys: string[] = [];
  for (const [, object] of xml.matchAll(/<Object>([\s\S]*?)<\/Object>/g)) {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(object);
    if (!key) throw s3Errors.malformedXml();
    keys.push(unescapeXml(key[1]));
  }
  if (keys.length === 0 || keys.length > 1000) throw s3Errors.malformedXml();
  return { keys, quiet: /<Quiet>\s*true\s*<\/Quiet>/i.test(xml) };
}
