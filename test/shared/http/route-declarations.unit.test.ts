/**
 * A route's declaration is enforced where handlers are made: a route that
 * declares an auth kind cannot be served without the authenticator of that
 * kind, nor a public one with any; and the response check the test clients
 * run refuses what a route's contract does not document.
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { defineAuthenticator } from '../../../shared/auth/authenticator.ts';
import { failure, ok, routeDeclarations } from '../../../shared/http/contract.ts';
import { liftlogErrors } from '../../../shared/http/formats/liftlog.ts';
import { json } from '../../../shared/http/responses.ts';
import { httpRoute } from '../../../shared/http/route.ts';
import { websocketRoute } from '../../../shared/http/websocket-route.ts';
import { defineService } from '../../../shared/manifest.ts';
import { DocumentedResponses } from '../../contract/documented-responses.ts';

const route = routeDeclarations({ errors: liftlogErrors });
const body = z.object({ userId: z.string(), password: z.string() });
const passwordRoute = route({
  method: 'PUT',
  path: '/things',
  auth: 'password',
  handler: 'x.ts',
  request: { body },
  responses: { 200: ok('-', z.object({ id: z.string() })), 401: failure('-') },
});
const publicRoute = route({
  method: 'GET',
  path: '/things/{id}',
  auth: 'none',
  handler: 'x.ts',
  request: {},
  responses: { 200: ok('-', z.object({ id: z.string() })) },
});
const password = defineAuthenticator<'password', string, { userId: string; password: string }>({
  kind: 'password',
  reads: 'input',
  authenticate: async ({ body }) => body.userId,
});
const proToken = defineAuthenticator<'pro-token', string, unknown>({ kind: 'pro-token', reads: 'request', authenticate: async () => 'pro' });
const answer = async () => json({ id: 'x' });

describe('httpRoute', () => {
  it('refuses to serve a route that declares an auth kind without that kind’s authenticator', () => {
    // @ts-expect-error: the declared kind demands an authenticator; this is what the type check prevents.
    expect(() => httpRoute(passwordRoute, answer)).toThrow(/PUT \/things declares auth 'password'/);
    // @ts-expect-error: and of the declared kind.
    expect(() => httpRoute(passwordRoute, proToken, answer)).toThrow(/PUT \/things declares auth 'password'/);
    expect(() => httpRoute(passwordRoute, password, answer)).not.toThrow();
  });

  it('refuses an authenticator on a public route: `none` is an explicit choice', () => {
    // @ts-expect-error: a public route takes no authenticator.
    expect(() => httpRoute(publicRoute, proToken, answer)).toThrow(/GET \/things\/\{id\} is public/);
  });

  it('refuses a multipart route until its handler brings the multipart parser, which no other bundle carries', async () => {
    const uploadRoute = route({
      method: 'POST',
      path: '/uploads',
      auth: 'none',
      handler: 'x.ts',
      request: { body: z.object({ title: z.string() }), encodings: ['multipart'] },
      responses: { 200: ok('-', z.object({ id: z.string() })) },
    });
    expect(() => httpRoute(uploadRoute, answer)).toThrow(/POST \/uploads takes multipart bodies/);
    await import('../../../shared/http/multipart.ts');
    expect(() => httpRoute(uploadRoute, answer)).not.toThrow();
  });
});

describe('websocketRoute', () => {
  it('demands the authenticator of the kind the route declares', () => {
    const connect = { handler: 'connect.ts', auth: 'pro-token' as const };
    // @ts-expect-error: the declared kind demands an authenticator.
    expect(() => websocketRoute(connect, async () => ({ statusCode: 200 }))).toThrow(/declares auth 'pro-token'/);
    expect(() => websocketRoute(connect, proToken, async () => ({ statusCode: 200 }))).not.toThrow();
  });
});

describe('DocumentedResponses', () => {
  const documented = new DocumentedResponses(defineService({ name: 'things', description: '-', http: { routes: [passwordRoute, publicRoute] }, table: {} }));

  it('accepts a documented status with a body matching its schema, and a documented empty failure', () => {
    expect(documented.problems('GET', '/things/abc', 200, 'application/json', '{"id":"abc"}')).toEqual([]);
    expect(documented.problems('PUT', '/things', 401, null, '')).toEqual([]);
    expect(documented.problems('PUT', '/things', 400, 'application/problem+json', '{"title":"t","status":400,"errors":{"userId":["required"]}}')).toEqual([]);
  });

  it('refuses an undocumented status, a body off its schema, an unexpected body and a wrong media type', () => {
    expect(documented.problems('GET', '/things/abc', 500, null, '')).toEqual([expect.stringMatching(/answered 500, which its contract does not document/)]);
    expect(documented.problems('GET', '/things/abc', 200, 'application/json', '{"id":1,"extra":true}').length).toBeGreaterThan(0);
    expect(documented.problems('PUT', '/things', 401, 'application/json', '{"error":"x"}')).toEqual([expect.stringMatching(/documents no body/)]);
    expect(documented.problems('GET', '/things/abc', 200, 'text/html', '<p>')).toEqual([expect.stringMatching(/answered text\/html/)]);
  });
});
