import { docRoutes } from '#shared/docs/doc-routes';
import { kralikiRoute } from '../contract.ts';

export const docs = docRoutes('kraliki', kralikiRoute);
