/** GET /docs: the interactive API reference. */
import { docsPageHandler } from '#shared/docs/serve';
import { docs } from './docs.route.ts';

export const handler = docsPageHandler(docs.page, 'PenhaS');
