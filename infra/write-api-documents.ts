/**
 * `npm run openapi`: writes each service's documents to `openapi/`:
 * `<service>.openapi.json` and, for a service with WebSocket APIs,
 * `<service>.asyncapi.json`. The running services serve the same OpenAPI
 * document at `GET /<service>/openapi.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { services } from '../functions/services.ts';
import { asyncApiDocument } from '../shared/docs/asyncapi.ts';
import { openApiDocument } from '../shared/docs/openapi.ts';

const out = path.resolve(import.meta.dirname, '../openapi');
await mkdir(out, { recursive: true });
for (const service of services) {
  const written = [`${service.name}.openapi.json`];
  await writeFile(path.join(out, written[0]), `${JSON.stringify(openApiDocument(service), null, 2)}\n`);
  const asyncApi = asyncApiDocument(service);
  if (asyncApi) {
    written.push(`${service.name}.asyncapi.json`);
    await writeFile(path.join(out, written[1]), `${JSON.stringify(asyncApi, null, 2)}\n`);
  }
  console.log(`${service.name}: ${written.map((file) => `openapi/${file}`).join(', ')}`);
}
