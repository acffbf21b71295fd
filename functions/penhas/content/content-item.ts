/**
 * Content is data: catalogs, questionnaires and page texts live in the table,
 * written by the service's seed function (seed.ts) from content modules like
 * this folder's. A module names itself and lists its items; the seed writes
 * each item only when it changed, and removes the items a module stopped
 * listing, so the seed can run on every start and every deploy.
 *
 * To add content: a module exporting a `ContentModule`, listed in modules.ts.
 */

/** One table item of content: its key and its attributes. */
export interface ContentItem {
  pk: string;
  sk: string;
  [attribute: string]: unknown;
}

export interface ContentModule {
  /** Stable: it names the record of what the module wrote (keys.ts `contentModuleKey`). */
  name: string;
  /** Every item of the module, built from its data (pure, no I/O). */
  items(): ContentItem[];
}

/** Attribute holding a digest of the item's content; the seed compares it instead of reading every item. */
export const CONTENT_VERSION = 'contentVersion';
