/**
 * Every service's documents, generated from its manifest: OpenAPI 3.1 that a
 * real validator accepts, with exactly the manifest's HTTP routes, each with
 * request and response schemas (or a stated reason why not); AsyncAPI 3.0 for
 * WebSocket APIs; and the running services serve the document and an
 * interactive reference that needs nothing from outside.
 */
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import specs from '@asyncapi/specs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '../../../functions/services.ts';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import { asyncApiDocument } from '../../../shared/docs/asyncapi.ts';
import { openApiDocument, webhookPath } from '../../../shared/docs/openapi.ts';
import type { HttpRoute } from '../../../shared/manifest.ts';
import { startTestRuntime } from '../../support/runtime.ts';

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\+\}/g, '{$1}')}`;

/** Why a route fails the "declared with schemas" rule, or undefined when it passes. */
function undocumentedBecause(route: HttpRoute): string | undefined {
  if (route.undocumented !== undefined) return route.undocumented.trim().length >= 10 ? undefined : 'its opt-out gives no reason';
  if (!route.request) return 'it declares no request (declare `request: {}` for a route that reads nothing)';
  // A redirect is a route's success too (`GET /news-redirect` answers 302 and nothing else that works).
  const successes = Object.entries(route.responses ?? {}).filter(([status]) => Number(status) < 400);
  if (successes.length === 0) return 'it declares no success response';
  const unschematic = successes.filter(([, response]) => response.mediaType !== undefined && response.schema === undefined);
  if (unschematic.length) return `its ${unschematic.map(([status]) => status).join(', ')} response has a body but no schema`;
  return undefined;
}

describe.each(services.map((service) => [service.name, service] as const))('the %s documents', (_, service) => {
  const document = openApiDocument(service) as { paths: Record<string, Record<string, { responses: object }>> };

  it('are valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('list exactly the manifest’s HTTP routes and webhooks', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => routeKey(method, path)));
    const declared = [
      ...service.http.routes.map((route) => routeKey(route.method, route.path)),
      ...(service.webhooks ?? []).flatMap((webhook) => (webhook.methods ?? ['POST']).map((method) => routeKey(method, webhookPath(webhook.name)))),
    ];
    expect(documented.sort()).toEqual([...new Set(declared)].sort());
  });

  it('describe every route’s request and responses, or say why not', () => {
    const lacking = service.http.routes.flatMap((route) => {
      const why = undocumentedBecause(route);
      return why ? [`${route.method} ${route.path}: ${why}`] : [];
    });
    expect(lacking).toEqual([]);
  });

  it('document a validation failure for every route that validates input', () => {
    for (const route of service.http.routes.filter((r) => r.request?.body || r.request?.params || r.request?.query)) {
      const operation = document.paths[route.path][route.method.toLowerCase()];
      expect(Object.keys(operation.responses), `${route.method} ${route.path}`).toContain(String(route.errors!.validationStatus));
    }
  });

  it('are valid AsyncAPI 3.0 for its WebSocket APIs, one channel each', () => {
    const asyncApi = asyncApiDocument(service) as { channels: Record<string, { address: string }> } | undefined;
    if (!service.websockets?.length) return expect(asyncApi).toBeUndefined();
    // The AsyncAPI schema carries its own copy of the draft-07 meta-schema.
    const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    addFormats.default(ajv);
    const validate = ajv.compile(specs.schemas['3.0.0']);
    expect(validate(asyncApi), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(
      Object.values(asyncApi!.channels)
        .map((channel) => channel.address)
        .sort(),
    ).toEqual(service.websockets.map((api) => api.path).sort());
  });
});

describe('the documents, as the services serve them', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime({ services });
  });
  afterAll(() => runtime?.stop());

  it.each(services.map((service) => [service.name, service] as const))('%s serves its OpenAPI document at /openapi.json', async (name, service) => {
    const response = await fetch(`${runtime.url}/${name}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument(service))));
  });

  it.each(services.map((service) => service.name))('%s serves an interactive reference at /docs, its assets from itself', async (name) => {
    const page = await fetch(`${runtime.url}/${name}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<div id="swagger-ui">');
    expect(html).toContain("url: 'openapi.json'");
    // Nothing is loaded from another host: every asset is a relative URL the service itself answers.
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.sort()).toEqual(['docs/swagger-ui-bundle.js', 'docs/swagger-ui.css']);
    for (const asset of assets) {
      const response = await fetch(new URL(asset, `${runtime.url}/${name}/docs`));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect((await response.text()).length).toBeGreaterThan(10_000);
    }
  });

  it('compresses the assets for clients that accept gzip', async () => {
    const { headers, bytes } = await new Promise<{ headers: Record<string, unknown>; bytes: Buffer }>((resolve, reject) => {
      get(`${runtime.url}/liftlog/docs/swagger-ui-bundle.js`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(bytes).toString()).toContain('SwaggerUIBundle');
  });
});
