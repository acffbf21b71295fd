import { docRoutes } from '#shared/docs/doc-routes';
import { pytakeRoute } from '../contract.ts';

export const docs = docRoutes('pytake', pytakeRoute);
