/**
 * Reading the pages' content (written by the content seed, content/web-pages.ts):
 * the FAQ in one Query of the `WEB` partition, a page or an entry by key.
 */
import { countRequest } from '#shared/db/counters';
import * as table from '#shared/db/table';
import type { Faq, FaqCategory, WebPage, WebPageSlug } from '../content/web-pages.ts';
import { tooManyRequests } from '../errors.ts';
import { faqKey, rateKey, WEB_PARTITION, webPageKey } from '../keys.ts';

export interface FaqSection {
  category: FaqCategory;
  faqs: Faq[];
}

/** The FAQ by category, both in their `sort` order; categories without entries are left out. */
export async function faqSections(): Promise<FaqSection[]> {
  const categories: FaqCategory[] = [];
  const faqs: Faq[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :faq)',
      ExpressionAttributeValues: { ':pk': WEB_PARTITION, ':faq': 'FAQ' },
      ExclusiveStartKey: startKey,
    });
    for (const item of page.items) {
      if (String(item.sk).startsWith('FAQ_CATEGORY#')) categories.push(item as unknown as FaqCategory);
      else faqs.push(item as unknown as Faq);
    }
    startKey = page.lastKey;
  } while (startKey);
  const bySort = <T extends { sort: number; id: number }>(a: T, b: T) => a.sort - b.sort || a.id - b.id;
  return categories
    .sort(bySort)
    .map((category) => ({ category, faqs: faqs.filter((faq) => faq.categoryId === category.id).sort(bySort) }))
    .filter((section) => section.faqs.length > 0);
}

export const faqById = (faqId: number): Promise<Faq | undefined> => table.get<Faq>(faqKey(faqId));

export const webPage = (slug: WebPageSlug): Promise<WebPage | undefined> => table.get<WebPage>(webPageKey(slug));

/** The original's limit on the public pages: 100 requests an hour per client address (an IPv6 address by its first 18 characters). */
export const countPageView = (sourceIp: string) =>
  countRequest({
    limit: 100,
    windowSeconds: 3600,
    counterKey: (windowStart) => rateKey('web', sourceIp.slice(0, 18), windowStart),
    refuse: tooManyRequests,
  });
