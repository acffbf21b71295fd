import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { liftlogRoute } from '../contract.ts';
import { buckets } from '../resources.ts';
import { guid, jsonObject } from '../wire.ts';
import { userView } from './user-view.ts';

export const getUsersRoute = liftlogRoute({
  method: 'POST',
  path: '/users',
  auth: 'none',
  handler: 'functions/liftlog/users/get-users.ts',
  access: { table: 'read', buckets: { [buckets.profilePictures]: 'read' } },
  summary: 'The public profiles of up to 200 users at once; unknown ids are left out',
  request: { body: jsonObject({ ids: z.array(guid()).check(z.minLength(1), z.maxLength(200)) }) },
  responses: { 200: ok('The profiles found, by id', z.object({ users: z.record(z.string(), userView) })) },
  objectIds: [{ object: 'user', from: 'body', field: 'ids[]', owner: 'public' }],
});
