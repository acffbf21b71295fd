/**
 * Edge checks generated from a service's manifest, so a new route is covered
 * the day it is declared:
 *  - every public route without path parameters answers without credentials;
 *  - every non-public route refuses a request without credentials with what its
 *    contract gives: 401 in the service's format when the credential travels in
 *    a header or the query, the validation failure when it travels in the body
 *    (the originals validate first);
 *  - every route with a body answers 4xx, never 5xx, to a shared set of
 *    malformed bodies (given valid header credentials where the service's test
 *    supplies them, so the bodies reach the parsers).
 * Every response is also checked against the service's OpenAPI document.
 */
import { describe, expect, it } from 'vitest';
import { jsonSchemaOf } from '../../shared/docs/json-schema.ts';
import type { AuthKind, HttpRoute, ServiceManifest } from '../../shared/manifest.ts';
import { DocumentedResponses } from './documented-responses.ts';

export interface EdgeCheckOptions {
  /** The service's base URL (`http://127.0.0.1:<port>/<service>`), known once the runtime runs. */
  baseUrl: () => string;
  /** Headers carrying a valid credential, per auth kind, where the service's test can make one. */
  credentials?: Partial<Record<AuthKind, Record<string, string>>>;
}

interface Sent {
  status: number;
  contentType: string | null;
  text: string;
}

const SAMPLE_PARAMETER = '00000000-0000-4000-8000-000000000000';

const pathOf = (route: HttpRoute) => route.path.replace(/\{(\w+)\+?\}/g, SAMPLE_PARAMETER);
const methodOf = (route: HttpRoute) => (route.method === 'ANY' ? 'POST' : route.method);
const hasBody = (route: HttpRoute) => Boolean(route.request?.body);
/**
 * A query schema with required parameters (`?token=`), or alternatives of them (`anyOf` sets of
 * required names: a position or a location token): the route cannot answer a bare request with a success.
 */
const needsQuery = (route: HttpRoute) => {
  const schema = route.request?.query && jsonSchemaOf(route.request.query, 'input');
  if (!schema) return false;
  return (Array.isArray(schema.required) && schema.required.length > 0) || (Array.isArray(schema.anyOf) && schema.anyOf.length > 0);
};

/** The shared set of malformed JSON bodies, plus wrong types for every field the route's body declares. */
function malformedJsonBodies(route: HttpRoute): Array<[string, string]> {
  const schema = jsonSchemaOf(route.request!.body!, 'input');
  const fields = Object.keys((schema.properties ?? {}) as object);
  const every = (value: unknown) => JSON.stringify(Object.fromEntries(fields.map((field) => [field, value])));
  return [
    ['malformed JSON', '{"a": 1,'],
    ['a JSON array', '[1, 2, 3]'],
    ['a JSON string', '"hello"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['an empty object', '{}'],
    ['a prototype-polluting object', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'],
    ['numbers for every field', every(7)],
    ['arrays for every field', every([])],
    ['objects for every field', every({ nested: { deeper: [1, { x: null }] } })],
    ['nulls for every field', every(null)],
    ['long strings for every field', every('x'.repeat(100_000))],
    ['deeply nested arrays', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
  ];
}

const MALFORMED_FORM_BODIES: Array<[string, string]> = [
  ['an empty form', ''],
  ['a form of junk', '%%%&&&===;;'],
  ['a form with repeated names', 'a=1&a=2&a=3'],
];

export function edgeChecks(manifest: ServiceManifest, options: EdgeCheckOptions): void {
  const documented = new DocumentedResponses(manifest);
  const routes = manifest.http.routes;
  const schemes = manifest.http.authSchemes ?? {};

  async function send(route: HttpRoute, init: { headers?: Record<string, string>; body?: string }): Promise<Sent> {
    const path = pathOf(route);
    const method = methodOf(route);
    const response = await fetch(`${options.baseUrl()}${path}`, { method, headers: init.headers, body: init.body });
    const sent = { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
    documented.check(method, path, sent.status, sent.contentType, sent.text);
    return sent;
  }

  describe(`${manifest.name}: public routes`, () => {
    const reachable = routes.filter((route) => route.auth === 'none' && !hasBody(route) && !needsQuery(route) && !route.path.includes('{'));
    it.each(reachable.map((route) => [`${route.method} ${route.path}`, route] as const))('%s answers without credentials', async (_, route) => {
      expect((await send(route, {})).status).toBeLessThan(300);
    });
  });

  describe(`${manifest.name}: routes that need credentials`, () => {
    const guarded = routes.filter((route) => route.auth !== 'none');
    it('are each declared with a scheme saying where the credential travels', () => {
      expect(guarded.filter((route) => !schemes[route.auth]).map((route) => `${route.method} ${route.path} (${route.auth})`)).toEqual([]);
    });
    it.each(guarded.map((route) => [`${route.method} ${route.path}`, route] as const))(
      '%s refuses a request without credentials as its contract says',
      async (_, route) => {
        const inBody = Boolean(schemes[route.auth]?.bodyFields?.length);
        const { status } = await send(route, hasBody(route) ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {});
        expect(status).toBe(inBody ? route.errors!.validationStatus : 401);
      },
    );
  });

  describe(`${manifest.name}: routes with a body`, () => {
    const withBody = routes.filter(hasBody);
    it('are each declared with their encodings', () => {
      expect(withBody.map((route) => route.request!.encodings ?? ['json']).every((encodings) => encodings.length > 0)).toBe(true);
    });
    for (const route of withBody) {
      const encodings = route.request!.encodings ?? ['json'];
      const credentials = options.credentials?.[route.auth] ?? {};
      const cases: Array<[string, string, string]> = [
        ...(encodings.includes('json') ? malformedJsonBodies(route).map(([what, body]): [string, string, string] => [what, 'application/json', body]) : []),
        ...(encodings.includes('urlencoded')
          ? MALFORMED_FORM_BODIES.map(([what, body]): [string, string, string] => [what, 'application/x-www-form-urlencoded', body])
          : []),
        ...(encodings.includes('multipart')
          ? [['a multipart body without its boundary', 'multipart/form-data; boundary=x', '--y\r\n\r\n'] as [string, string, string]]
          : []),
        ['a body of an undeclared type', 'text/plain', 'just text'],
      ];
      it.each(cases)(`${route.method} ${route.path} answers %s with 4xx`, async (_, contentType, body) => {
        const { status } = await send(route, { headers: { 'content-type': contentType, ...credentials }, body });
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      });
    }
  });
}
