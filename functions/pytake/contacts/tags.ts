/**
 * Contact tags of an organization: a name unique within it (case-insensitive,
 * lookup item `TAG_NAME#<lowercase name>` claimed with the tag) and a color.
 */
import { randomUUID } from 'node:crypto';
import { batchGet } from '#shared/db/batch';
import { keyParts, keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { claimUnique, releaseUnique, transact } from '#shared/db/transactions';
import { AppError, conflict } from '#shared/errors';
import { objectNotFound } from '../errors.ts';
import { orgPartition, TAG_PREFIX, tagKey, tagNameKey } from '../keys.ts';

export const DEFAULT_TAG_COLOR = '#3B82F6';

export type TagRecord = {
  pk: string;
  sk: string;
  id: string;
  organization_id: string;
  name: string;
  color: string;
  created_at: string;
  updated_at: string;
};

export const tagView = (tag: TagRecord) => ({ id: tag.id, organization_id: tag.organization_id, name: tag.name, color: tag.color, created_at: tag.created_at });

export const tagNotFound = () => objectNotFound('Tag');
const tagTaken = (name: string) => conflict('tag_exists', `Tag '${name}' already exists`);

/** The organization's tags by name. */
export async function listTags(orgId: string): Promise<TagRecord[]> {
  const tags = await queryAll<TagRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: TAG_PREFIX } }));
  return tags.sort((a, b) => a.name.localeCompare(b.name));
}

export async function tagNamesById(orgId: string): Promise<Map<string, string>> {
  return new Map((await listTags(orgId)).map((tag) => [tag.id, tag.name]));
}

export async function getTag(orgId: string, tagId: string): Promise<TagRecord> {
  const tag = await table.get<TagRecord>(tagKey(orgId, tagId));
  if (!tag) throw tagNotFound();
  return tag;
}

/** Every id names a tag of the organization; 404 `Tag not found` otherwise. */
export async function requireTags(orgId: string, tagIds: string[]): Promise<void> {
  const found = await batchGet<TagRecord>([...new Set(tagIds)].map((id) => tagKey(orgId, id)));
  if (found.some((tag) => !tag)) throw tagNotFound();
}

export async function createTag(orgId: string, input: { name: string; color?: string | null }): Promise<TagRecord> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const tag: TagRecord = {
    ...tagKey(orgId, id),
    id,
    organization_id: orgId,
    name: input.name,
    color: input.color ?? DEFAULT_TAG_COLOR,
    created_at: now,
    updated_at: now,
  };
  try {
    await transact([
      { Put: { Item: tag, ConditionExpression: 'attribute_not_exists(pk)' } },
      claimUnique({ key: tagNameKey(orgId, input.name), conflictCode: 'tag_exists' }, tagKey(orgId, id)),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'tag_exists') throw tagTaken(input.name);
    throw error;
  }
  return tag;
}

export async function updateTag(orgId: string, tagId: string, input: { name?: string; color?: string | null }): Promise<TagRecord> {
  const tag = await getTag(orgId, tagId);
  const key = tagKey(orgId, tagId);
  const name = input.name ?? tag.name;
  const renamed = name.toLowerCase() !== tag.name.toLowerCase();
  const updated: TagRecord = { ...tag, name, color: input.color ?? tag.color, updated_at: new Date().toISOString() };
  try {
    await transact([
      // Written only over the tag as read, so a concurrent rename cannot leave two names claimed.
      {
        Put: {
          Item: updated,
          ConditionExpression: '#name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': tag.name },
        },
        conflictCode: 'tag_changed',
      },
      ...(renamed ? [claimUnique({ key: tagNameKey(orgId, name), conflictCode: 'tag_exists' }, key), releaseUnique(tagNameKey(orgId, tag.name), key)] : []),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'tag_exists') throw tagTaken(name);
    if (error instanceof AppError && error.code === 'tag_changed') throw conflict('tag_changed', 'The tag changed meanwhile; try again');
    throw error;
  }
  return updated;
}

export async function deleteTag(orgId: string, tagId: string): Promise<void> {
  const tag = await getTag(orgId, tagId);
  const key = tagKey(orgId, tagId);
  await transact([
    { Delete: { Key: key, ConditionExpression: 'attribute_exists(pk)' }, conflictCode: 'tag_gone' },
    releaseUnique(tagNameKey(orgId, tag.name), key),
  ]).catch((error) => {
    if (error instanceof AppError && error.kind === 'conflict') throw tagNotFound();
    throw error;
  });
}

/** The ids of tags with these names, creating the missing ones (the original's PUT /contacts/{id}/tags). */
export async function tagIdsForNames(orgId: string, names: string[]): Promise<string[]> {
  const existing = new Map((await listTags(orgId)).map((tag) => [tag.name.toLowerCase(), tag.id]));
  const ids: string[] = [];
  for (const name of names) {
    let id = existing.get(name.toLowerCase());
    if (!id) {
      try {
        id = (await createTag(orgId, { name })).id;
      } catch (error) {
        // Created concurrently by another request: use that one.
        if (!(error instanceof AppError && error.code === 'tag_exists')) throw error;
        const claimed = await table.get<{ owner: { sk: string } }>(tagNameKey(orgId, name), { consistent: true });
        if (!claimed) throw error;
        id = keyParts(claimed.owner.sk)[1];
      }
      existing.set(name.toLowerCase(), id);
    }
    ids.push(id);
  }
  return ids;
}
