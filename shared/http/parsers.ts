/**
 * Request bodies, parsed as the route declares (middy's parsers): each
 * encoding the route accepts is tried by content type; a body of another type
 * is left as text for validation to refuse. An empty body is no body, whatever
 * its content type (a GET with `Content-Type: application/json` is not
 * malformed JSON). Multipart pulls busboy, so it is loaded only by routes that
 * take it.
 */
import jsonBodyParser from '@middy/http-json-body-parser';
import urlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { BodyEncoding } from '../manifest.ts';

type Parser = { before?: (request: { event: unknown }) => unknown };

const jsonBody = jsonBodyParser({ disableContentTypeError: true }) as Parser;
const formBody = urlencodeBodyParser({ disableContentTypeError: true }) as Parser;

const parsers: Record<BodyEncoding, () => Promise<Parser>> = {
  json: async () => jsonBody,
  urlencoded: async () => formBody,
  multipart: async () => (await import('./multipart.ts')).multipartBody as Parser,
};

type BodyEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body?: unknown };

/** The parsed body, the raw text when no accepted encoding matches its content type, undefined when empty. */
export async function parseBody(event: BodyEvent, encodings: readonly BodyEncoding[]): Promise<unknown> {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  for (const encoding of encodings) {
    const before: unknown = event.body;
    await (await parsers[encoding]()).before?.({ event });
    if (event.body !== before) return event.body;
  }
  return event.body;
}
