import { failure, noContent } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';
import { queues } from '../resources.ts';
import { guid, jsonObject, nonBlank } from '../wire.ts';

export const deleteUserRoute = liftlogRoute({
  method: 'POST',
  path: '/user/delete',
  auth: 'password',
  handler: 'functions/liftlog/users/delete-user.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  access: { sendsTo: [queues.userErasure] },
  summary: "Deletes the caller's account now, and everything it owns soon after",
  request: { body: jsonObject({ id: guid(), password: nonBlank(40) }) },
  responses: { 200: noContent('Deleted'), 401: failure('Wrong password'), 404: failure('No such user') },
  objectIds: [{ object: 'user', from: 'body', field: 'id', owner: 'caller' }],
});
