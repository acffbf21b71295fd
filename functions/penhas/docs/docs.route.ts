import { docRoutes } from '#shared/docs/doc-routes';
import { penhasRoute } from '../contract.ts';

export const docs = docRoutes('penhas', penhasRoute);
