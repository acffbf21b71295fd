/**
 * The AsyncAPI 3.0 document of a service's WebSocket APIs, generated from its
 * manifest: one channel per API at its path, the messages its declared
 * protocol names, a `receive` operation for what clients send and a `send`
 * operation for what the service sends, and the `$connect` auth kind.
 * Payloads are draft-07 JSON Schema, the AsyncAPI schema format's base.
 */
import type { JsonSchema } from '../http/error-format.ts';
import type { ServiceManifest, WebSocketApi } from '../manifest.ts';
import { jsonSchemaOf } from './json-schema.ts';

export function asyncApiDocument(manifest: ServiceManifest): JsonSchema | undefined {
  const apis = manifest.websockets ?? [];
  if (apis.length === 0) return undefined;
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const securitySchemes: Record<string, unknown> = {};
  for (const api of apis) {
    const auth = api.routes.$connect?.auth ?? 'none';
    const scheme = manifest.http.authSchemes?.[auth];
    channels[api.name] = {
      address: api.path,
      description: [api.protocol?.summary, auth === 'none' ? undefined : `Connecting needs ${auth} authentication: ${scheme?.description ?? ''}`]
        .filter(Boolean)
        .join('\n\n'),
      messages: Object.fromEntries(
        [...Object.entries(api.protocol?.receives ?? {}), ...Object.entries(api.protocol?.sends ?? {})].map(([name, message]) => [
          name,
          { name, summary: message.summary, contentType: 'application/json', payload: jsonSchemaOf(message.schema, 'input', 'draft-7') },
        ]),
      ),
    };
    if (scheme?.header) securitySchemes[auth] = { type: 'httpApiKey', in: 'header', name: scheme.header, description: scheme.description };
    const security = securitySchemes[auth] ? [{ $ref: `#/components/securitySchemes/${auth}` }] : [];
    operations[`${api.name}Receive`] = operationOf(api, 'receive', Object.keys(api.protocol?.receives ?? {}), security);
    operations[`${api.name}Send`] = operationOf(api, 'send', Object.keys(api.protocol?.sends ?? {}), []);
  }
  return {
    asyncapi: '3.0.0',
    info: { title: `${manifest.name} WebSocket APIs`, version: '1.0.0', description: manifest.description },
    channels,
    operations,
    components: { securitySchemes },
  };
}

function operationOf(api: WebSocketApi, action: 'send' | 'receive', messages: string[], security: unknown[]) {
  return {
    action,
    channel: { $ref: `#/channels/${api.name}` },
    summary: action === 'receive' ? 'What clients send' : 'What the service sends',
    messages: messages.map((name) => ({ $ref: `#/channels/${api.name}/messages/${name}` })),
    ...(security.length ? { security } : {}),
  };
}
