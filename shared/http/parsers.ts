/**
 * Request bodies, parsed as the route declares (middy's parsers): each
 * encoding the route accepts is tried by content type; a body of another type
 * is left as text for validation to refuse. An empty body is no body, whatever
 * its content type (a GET with `Content-Type: application/json` is not
 * malformed JSON). Multipart pulls busboy (26 KB minified) into a bundle, and a
 * dynamic import does not keep it out of a one-file bundle, so only a handler
 * whose route takes multipart imports `./multipart.ts`, which registers it here;
 * the route stack refuses to load a route whose encodings have no parser.
 */
import jsonBodyParser from '@middy/http-json-body-parser';
import urlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { BodyEncoding } from '../manifest.ts';

export type Parser = { before?: (request: { event: unknown }) => unknown };

const jsonBody = jsonBodyParser({ disableContentTypeError: true }) as Parser;
const formBody = urlencodeBodyParser({ disableContentTypeError: true }) as Parser;

const parsers: Partial<Record<BodyEncoding, Parser>> = { json: jsonBody, urlencoded: formBody };

export function registerBodyParser(encoding: BodyEncoding, parser: Parser): void {
  parsers[encoding] = parser;
}

/** The declared encodings no parser is registered for. */
export const unparsedEncodings = (encodings: readonly BodyEncoding[]): BodyEncoding[] => encodings.filter((encoding) => !parsers[encoding]);

type BodyEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body?: unknown };

/** The parsed body, the raw text when no accepted encoding matches its content type, undefined when empty. */
export async function parseBody(event: BodyEvent, encodings: readonly BodyEncoding[]): Promise<unknown> {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  for (const encoding of encodings) {
    const before: unknown = event.body;
    await parsers[encoding]?.before?.({ event });
    if (event.body !== before) return event.body;
  }
  return event.body;
}
