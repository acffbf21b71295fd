/** GET /shareditem/{id}: a shared item with its owner's current public key; no auth. */
import { notFound } from '#shared/errors';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { getSharedItemRoute } from './get-shared-item.route.ts';
import { findSharedItem } from './shared-items.ts';

export const handler = httpRoute(getSharedItemRoute, async ({ params: { id } }) => {
  const item = await findSharedItem(id);
  if (!item) throw notFound('shared_item_not_found');
  return json(item);
});
