/**
 * Writes content modules into the table idempotently. Each item carries a
 * digest of its content (`contentVersion`) and is put only if it is missing or
 * its stored digest differs, so running the seed again writes nothing; items a
 * module no longer lists (recorded per module at `contentModuleKey`) are
 * deleted. Conditional puts make concurrent seeds (two deploys, a start during
 * a deploy) safe: the last writer of a given content wins with the same bytes.
 */
import { createHash } from 'node:crypto';
import { mapConcurrently } from '#shared/concurrency';
import * as table from '#shared/db/table';
import { contentModuleKey } from '../keys.ts';
import { CONTENT_VERSION, type ContentItem, type ContentModule } from './content-item.ts';

export interface SeedSummary {
  /** Items written because they were new or changed. */
  written: number;
  unchanged: number;
  /** Items removed because their module no longer lists them. */
  removed: number;
}

/** Puts in flight at once: a few hundred items seed in a second or two without throttling. */
const CONCURRENCY = 8;

/** A digest of the item as JSON with sorted keys, so attribute order never counts as a change. */
export function contentVersion(item: ContentItem): string {
  return createHash('sha256').update(canonicalJson(item)).digest('hex').slice(0, 32);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const keyOf = (item: { pk: string; sk: string }) => `${item.pk}\u0000${item.sk}`;

export async function seedModules(modules: readonly ContentModule[]): Promise<SeedSummary> {
  const summary: SeedSummary = { written: 0, unchanged: 0, removed: 0 };
  for (const module of modules) {
    const items = module.items();
    const seen = new Set<string>();
    for (const item of items) {
      const id = keyOf(item);
      if (seen.has(id)) throw new Error(`content module ${module.name} lists ${item.pk} ${item.sk} twice`);
      seen.add(id);
    }
    const results = await mapConcurrently(items, CONCURRENCY, (item) => putIfChanged(item));
    for (const written of results) summary[written ? 'written' : 'unchanged']++;
    summary.removed += await forgetStale(module.name, items);
  }
  return summary;
}

/** Puts the item unless the table holds it with the same content; true when it wrote. */
function putIfChanged(item: ContentItem): Promise<boolean> {
  const version = contentVersion(item);
  return table.put(
    { ...item, [CONTENT_VERSION]: version },
    {
      condition: 'attribute_not_exists(#pk) OR #version <> :version',
      names: { '#pk': 'pk', '#version': CONTENT_VERSION },
      values: { ':version': version },
    },
  );
}

interface ModuleRecord {
  keys: { pk: string; sk: string }[];
  [CONTENT_VERSION]?: string;
}

/** Deletes what the module wrote last time and no longer lists, then records what it lists now; the count deleted. */
async function forgetStale(name: string, items: ContentItem[]): Promise<number> {
  const recordKey = contentModuleKey(name);
  const previous = await table.get<ModuleRecord>(recordKey);
  const current = new Set(items.map(keyOf));
  const stale = (previous?.keys ?? []).filter((k) => !current.has(keyOf(k)));
  await mapConcurrently(stale, CONCURRENCY, (k) => table.delete({ pk: k.pk, sk: k.sk }));
  const record: ContentItem = { ...recordKey, keys: items.map(({ pk, sk }) => ({ pk, sk })) };
  await putIfChanged(record);
  return stale.length;
}
