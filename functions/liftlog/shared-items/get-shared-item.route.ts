import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { liftlogRoute } from '../contract.ts';

const sharedItem = z.object({
  rsaPublicKey: z.object({ spkiPublicKeyBytes: z.string() }),
  encryptedPayload: z.object({ encryptedPayload: z.string(), iv: z.object({ value: z.string() }) }),
});

export const getSharedItemRoute = liftlogRoute({
  method: 'GET',
  path: '/shareditem/{id}',
  auth: 'none',
  handler: 'functions/liftlog/shared-items/get-shared-item.ts',
  access: { table: 'read' },
  summary: "A shared item, with its owner's current public key",
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: ok('The item', sharedItem), 404: failure('No such item, or its owner is gone') },
  // Whoever holds the share link may read it: the id is the link.
  objectIds: [{ object: 'shared item', from: 'path', field: 'id', owner: 'public' }],
});
