/**
 * Every service serves its own documents as ordinary declared routes (so the
 * local runtime and the stacks serve them like any other): `GET /openapi.json`,
 * the interactive reference at `GET /docs` (Swagger UI), and Swagger UI's
 * assets from `GET /docs/{asset}`, bundled from swagger-ui-dist (no CDN: the
 * page works offline). Each service's `docs/` folder holds the three small
 * handlers, which bind these declarations to the service.
 */
import * as z from 'zod/mini';
import { ok, type routeDeclarations } from '../http/contract.ts';

export const DOC_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;

const document = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export function docRoutes(service: string, declare: ReturnType<typeof routeDeclarations>) {
  const handler = (name: string) => `functions/${service}/docs/${name}.ts`;
  // They read only the bundle they run from.
  const access = { table: 'none' } as const;
  return {
    openapi: declare({
      method: 'GET',
      path: '/openapi.json',
      auth: 'none',
      handler: handler('get-openapi'),
      access,
      summary: "This API's OpenAPI 3.1 document",
      request: {},
      responses: { 200: ok('The document', document) },
    }),
    page: declare({
      method: 'GET',
      path: '/docs',
      auth: 'none',
      handler: handler('get-docs-page'),
      access,
      summary: 'An interactive reference of this API (Swagger UI)',
      request: {},
      responses: { 200: ok('The page', z.string(), 'text/html') },
    }),
    asset: declare({
      method: 'GET',
      path: '/docs/{asset}',
      auth: 'none',
      handler: handler('get-docs-asset'),
      access,
      summary: "The reference page's scripts and styles",
      request: { params: z.object({ asset: z.enum(DOC_ASSETS) }) },
      responses: {
        200: { description: 'The asset', mediaType: ['text/css', 'text/javascript'], schema: z.string() },
      },
    }),
  };
}
