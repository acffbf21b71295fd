/**
 * On AWS a function reads only the secrets its manifest entry lists (SECRET_ID_<NAME>); a route
 * that verifies or issues tokens without its service's token key fails on its first request,
 * which no local run shows (locally the key is in the environment). So: every authenticated
 * route, and every route that issues tokens, lists the key.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../functions/kraliki/service.ts';
import penhas from '../../functions/penhas/service.ts';
import pytake from '../../functions/pytake/service.ts';
import type { ServiceManifest } from '../../shared/manifest.ts';

const cases: Array<[ServiceManifest, string, string[]]> = [
  [penhas, 'session', ['POST /login', 'POST /signup']],
  [pytake, 'jwt', ['POST /api/v1/auth/register', 'POST /api/v1/auth/login', 'POST /api/v1/auth/refresh']],
  [kraliki, 'auth', ['POST /api/auth/register', 'POST /api/auth/login', 'POST /api/auth/refresh']],
];

describe.each(cases)('$name: the token key', (manifest, secret, issuing) => {
  it(`is listed by every authenticated route and every route that issues tokens (${secret})`, () => {
    const declared = manifest.http.routes.map((route) => `${route.method} ${route.path}`);
    expect(declared).toEqual(expect.arrayContaining(issuing));
    const routes = manifest.http.routes.filter((route) => route.auth !== 'none' || issuing.includes(`${route.method} ${route.path}`));
    expect(routes.length).toBeGreaterThan(issuing.length);
    const without = routes.filter((route) => !route.access?.secrets?.includes(secret)).map((route) => `${route.method} ${route.path}`);
    expect(without).toEqual([]);
  });
});
