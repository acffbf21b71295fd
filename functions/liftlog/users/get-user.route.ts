import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { liftlogRoute } from '../contract.ts';
import { buckets } from '../resources.ts';
import { userView } from './user-view.ts';

export const getUserRoute = liftlogRoute({
  method: 'GET',
  path: '/user/{idOrLookup}',
  auth: 'none',
  handler: 'functions/liftlog/users/get-user.ts',
  access: { table: 'read', buckets: { [buckets.profilePictures]: 'read' } },
  summary: "A user's public (encrypted) profile, by GUID or by share lookup",
  request: { params: z.object({ idOrLookup: z.string() }) },
  responses: { 200: ok('The profile', userView), 404: failure('No such user') },
  objectIds: [{ object: 'user', from: 'path', field: 'idOrLookup', owner: 'public' }],
});
