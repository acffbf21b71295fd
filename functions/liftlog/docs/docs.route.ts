import { docRoutes } from '#shared/docs/doc-routes';
import { liftlogRoute } from '../contract.ts';

export const docs = docRoutes('liftlog', liftlogRoute);
