import { failure, noContent } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';
import { guid, jsonObject, nonBlank } from '../wire.ts';
import { MAX_FOLLOW_SECRET_LENGTH } from './limits.ts';

export const putFollowSecretRoute = liftlogRoute({
  method: 'PUT',
  path: '/follow-secret',
  auth: 'password',
  handler: 'functions/liftlog/follow-secrets/put-follow-secret.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  summary: "Registers a secret that lets one follower read the caller's events",
  request: { body: jsonObject({ userId: guid(), password: nonBlank(40), followSecret: nonBlank(MAX_FOLLOW_SECRET_LENGTH) }) },
  responses: { 200: noContent('Registered (again, harmlessly)'), 401: failure('Wrong password'), 404: failure('No such user') },
  objectIds: [{ object: 'user', from: 'body', field: 'userId', owner: 'caller' }],
});
