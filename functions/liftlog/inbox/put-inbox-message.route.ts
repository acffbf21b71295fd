import * as z from 'zod/mini';
import { failure, noContent } from '#shared/http/contract';
import { liftlogRoute } from '../contract.ts';
import { base64Bytes, guid, jsonObject } from '../wire.ts';

export const putInboxMessageRoute = liftlogRoute({
  method: 'PUT',
  path: '/inbox',
  auth: 'none',
  handler: 'functions/liftlog/inbox/put-inbox-message.ts',
  summary: "Drops an encrypted message (RSA-OAEP chunks) into a user's inbox",
  request: {
    body: jsonObject({
      toUserId: guid(),
      encryptedMessage: z.array(base64Bytes({ max: 1_024 })).check(z.minLength(1), z.maxLength(20)),
    }),
  },
  responses: { 200: noContent('Delivered'), 404: failure('No such recipient') },
  // Anyone may write to anyone's inbox (follow requests come from strangers); only the owner reads it.
  objectIds: [{ object: 'inbox', from: 'body', field: 'toUserId', owner: 'public' }],
});
