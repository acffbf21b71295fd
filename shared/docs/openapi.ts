/**
 * The OpenAPI 3.1 document of a service, generated from its manifest: one
 * operation per HTTP route (operationId = the route's function id), its
 * parameters and body from the declared request schemas, every declared
 * response (failures in the service's error format), the validation failure
 * of any route that validates input, and the security scheme of its auth kind.
 * Webhooks are documented too, under `/webhooks/<name>`: their path in the
 * local runtime; on AWS each is a Function URL of its own.
 */
import type { JsonSchema } from '../http/error-format.ts';
import { functionsOf, type AuthKind, type AuthScheme, type HttpRoute, type ServiceManifest, type Webhook } from '../manifest.ts';
import { jsonSchemaOf } from './json-schema.ts';

const MEDIA_TYPES = { json: 'application/json', urlencoded: 'application/x-www-form-urlencoded', multipart: 'multipart/form-data' } as const;

type Operation = Record<string, unknown>;

export function openApiDocument(manifest: ServiceManifest): JsonSchema {
  const ids = new Map(functionsOf(manifest).flatMap((fn) => (fn.trigger.kind === 'http' ? [[fn.trigger.route, fn.id] as const] : [])));
  const webhookIds = new Map(functionsOf(manifest).flatMap((fn) => (fn.trigger.kind === 'webhook' ? [[fn.trigger.webhook, fn.id] as const] : [])));
  const schemes = manifest.http.authSchemes ?? {};
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of manifest.http.routes) {
    const path = route.path.replace(/\{(\w+)\+\}/g, '{$1}');
    const methods = route.method === 'ANY' ? ['get', 'post', 'put', 'patch', 'delete'] : [route.method.toLowerCase()];
    paths[path] ??= {};
    for (const method of methods) paths[path][method] = operationOf(route, ids.get(route)!, schemes);
  }
  for (const webhook of manifest.webhooks ?? []) {
    paths[webhookPath(webhook.name)] = Object.fromEntries(
      (webhook.methods ?? ['POST']).map((method) => [method.toLowerCase(), webhookOperation(webhook, webhookIds.get(webhook)!)]),
    );
  }
  const securitySchemes = Object.fromEntries(Object.entries(schemes).flatMap(([kind, scheme]) => Object.entries(securitySchemesOf(kind, scheme))));
  return {
    openapi: '3.1.0',
    info: { title: manifest.name, version: '1.0.0', description: manifest.description },
    // Relative to the document's own address, so one document serves every deployment.
    servers: [{ url: '.' }],
    paths,
    components: { securitySchemes },
  };
}

export const webhookPath = (name: string) => `/webhooks/${name}`;

function webhookOperation(webhook: Webhook, operationId: string): Operation {
  return {
    operationId,
    summary: webhook.summary ?? `Webhook ${webhook.name}`,
    description:
      'A webhook its provider calls: on AWS a Lambda Function URL of its own (the stack output `WebhookUrl…`), in the local runtime this path. Its caller signs each request; the handler checks the signature and answers as the provider expects.',
    security: [],
    // The provider's contract, not this API's: tools (and the contract tests) can tell these apart.
    'x-webhook': true,
    responses: { default: { description: 'What the provider expects: 200 when accepted, 401 or 403 when the signature is missing or wrong' } },
  };
}

function operationOf(route: HttpRoute, operationId: string, schemes: Partial<Record<AuthKind, AuthScheme>>): Operation {
  const request = route.request ?? {};
  const operation: Operation = { operationId, summary: route.summary ?? `${route.method} ${route.path}` };
  const scheme = schemes[route.auth];
  if (route.auth !== 'none') operation.description = `Authentication (${route.auth}): ${scheme?.description ?? 'see the service specification'}`;
  if (route.undocumented) operation.description = [operation.description, `Not described further: ${route.undocumented}`].filter(Boolean).join('\n\n');
  // Alternatives: a credential in a header or (for clients that cannot set one) in the query.
  operation.security = route.auth === 'none' || !scheme ? [] : Object.keys(securitySchemesOf(route.auth, scheme)).map((name) => ({ [name]: [] }));

  const parameters = [
    ...parametersOf('path', request.params ? jsonSchemaOf(request.params, 'input') : undefined, pathParameterNames(route.path)),
    ...parametersOf('query', request.query ? jsonSchemaOf(request.query, 'input') : undefined, []),
  ];
  if (parameters.length) operation.parameters = parameters;
  if (request.body) {
    const schema = jsonSchemaOf(request.body, 'input');
    const encodings = request.encodings ?? ['json'];
    operation.requestBody = {
      required: true,
      ...(request.mergeQuery ? { description: 'Any of these parameters may also be sent in the query string.' } : {}),
      content: Object.fromEntries(encodings.map((encoding) => [MEDIA_TYPES[encoding], { schema }])),
    };
  }
  operation.responses = responsesOf(route);
  return operation;
}

function responsesOf(route: HttpRoute): Record<string, unknown> {
  const declared = { ...(route.responses ?? {}) };
  const request = route.request ?? {};
  const validates = Boolean(request.params || request.query || request.body);
  if (validates && route.errors && !declared[route.errors.validationStatus]) {
    declared[route.errors.validationStatus] = { description: 'Invalid input: malformed, or failing validation', failure: true };
  }
  const out: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(declared)) {
    if (response.failure) {
      const body = route.errors?.documented(Number(status));
      out[status] = { description: response.description, ...(body ? { content: { [body.mediaType]: { schema: body.schema } } } : {}) };
    } else if (response.mediaType) {
      const schema = response.schema ? jsonSchemaOf(response.schema, 'output') : {};
      const mediaTypes = Array.isArray(response.mediaType) ? response.mediaType : [response.mediaType];
      out[status] = { description: response.description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])) };
    } else {
      out[status] = { description: response.description };
    }
  }
  if (Object.keys(out).length === 0) out.default = { description: route.undocumented ?? 'Not described' };
  return out;
}

const pathParameterNames = (path: string) => [...path.matchAll(/\{(\w+)\+?\}/g)].map((match) => match[1]);

/** One parameter per property of an object schema; path parameters are always required. */
function parametersOf(location: 'path' | 'query', schema: JsonSchema | undefined, pathNames: string[]): unknown[] {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema?.required ?? []) as string[]);
  const names = location === 'path' ? pathNames : Object.keys(properties);
  return names.map((name) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: properties[name] ?? { type: 'string' },
  }));
}

/** The OpenAPI security schemes of an auth kind, by name; none for credentials in the body. */
function securitySchemesOf(kind: string, scheme: AuthScheme): Record<string, JsonSchema> {
  const { description } = scheme;
  if (scheme.httpScheme) {
    return { [kind]: { type: 'http', scheme: scheme.httpScheme, ...(scheme.bearerFormat ? { bearerFormat: scheme.bearerFormat } : {}), description } };
  }
  const out: Record<string, JsonSchema> = {};
  if (scheme.header) out[kind] = { type: 'apiKey', in: 'header', name: scheme.header, description };
  if (scheme.query) out[scheme.header ? `${kind}-query` : kind] = { type: 'apiKey', in: 'query', name: scheme.query, description };
  return out;
}
