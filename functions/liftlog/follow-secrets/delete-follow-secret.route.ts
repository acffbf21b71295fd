import { failure, noContent } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';
import { guid, jsonObject, nonBlank } from '../wire.ts';
import { MAX_FOLLOW_SECRET_LENGTH } from './limits.ts';

export const deleteFollowSecretRoute = liftlogRoute({
  method: 'POST',
  path: '/follow-secret/delete',
  auth: 'password',
  handler: 'functions/liftlog/follow-secrets/delete-follow-secret.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  summary: "Revokes one of the caller's follow secrets",
  request: { body: jsonObject({ userId: guid(), password: nonBlank(40), followSecret: nonBlank(MAX_FOLLOW_SECRET_LENGTH) }) },
  responses: { 200: noContent('Revoked, or was not registered'), 401: failure('Wrong password'), 404: failure('No such user') },
  objectIds: [{ object: 'follow secret', from: 'body', field: 'userId', owner: 'caller' }],
});
