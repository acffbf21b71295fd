import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';
import { guid, jsonObject, nonBlank } from '../wire.ts';

const message = z.object({ id: z.string(), encryptedMessage: z.array(z.string()) });

export const takeInboxMessagesRoute = liftlogRoute({
  method: 'POST',
  path: '/inbox',
  auth: 'password',
  handler: 'functions/liftlog/inbox/take-inbox-messages.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  summary: "The caller's inbox messages, deleted as they are returned (read-once)",
  request: { body: jsonObject({ userId: guid(), password: nonBlank(40) }) },
  responses: {
    200: ok('The messages taken', z.object({ inboxMessages: z.array(message) })),
    401: failure('Wrong password'),
    404: failure('No such user'),
  },
  objectIds: [{ object: 'inbox', from: 'body', field: 'userId', owner: 'caller' }],
});
