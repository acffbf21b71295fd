/** GET /docs/{asset}: the reference page's scripts and styles. */
import { docsAssetHandler } from '#shared/docs/serve-assets';
import { docs } from './docs.route.ts';

export const handler = docsAssetHandler(docs.asset);
