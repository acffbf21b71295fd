/** GET /shareditem/{id}: a shared item with its owner's current public key; no auth. */
import * as z from 'zod/mini';
import { notFound } from '#shared/errors';
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { findSharedItem } from './shared-items.ts';

const params = z.object({ id: z.string() });

export const handler = httpRoute({ errors: liftlogErrors, params }, async ({ params: { id } }) => {
  const item = await findSharedItem(id);
  if (!item) throw notFound('shared_item_not_found');
  return json(item);
});
