/** GET /openapi.json: the service's OpenAPI document, generated from its manifest. */
import { openApiHandler } from '#shared/docs/serve';
import service from '../service.ts';
import { docs } from './docs.route.ts';

export const handler = openApiHandler(docs.openapi, service);
