/**
 * Content the admins edit in place: the web pages (`/web/...`), the news
 * feeds and the quiz questionnaires. Each write goes to the item the feature
 * reads (the same keys and shapes the content seed writes) in one transaction
 * with its audit entry. The seed rewrites an item only when its own content
 * for it changes, so an admin's edit stays until a deploy ships new content
 * for that same item.
 */
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { itemNotFound } from '../errors.ts';
import { newsFeedKey, quizQuestionnaireKey, webPageKey } from '../keys.ts';
import type { WebPageSlug } from '../content/web-pages.ts';
import type { FeedRecord } from '../news/news.ts';
import type { Questionnaire } from '../quiz/content.ts';
import type { AdminCaller } from './admin-auth.ts';
import { auditEntry, auditPut } from './audit.ts';

export async function putWebPage(caller: AdminCaller, slug: WebPageSlug, page: { title: string; html: string }): Promise<void> {
  await transact([
    { Put: { Item: { ...webPageKey(slug), slug, title: page.title, html: page.html } } },
    auditPut(auditEntry(caller, 'web_page.update', { type: 'web_page', id: slug }, { length: page.html.length })),
  ]);
}

export type FeedFields = Pick<FeedRecord, 'url' | 'fonte' | 'autocapitalize' | 'status' | 'tags'>;

/** Creates or changes a feed; its fetch state (next due, last run, last error) stays. */
export async function putNewsFeed(caller: AdminCaller, id: number, feed: FeedFields): Promise<{ created: boolean }> {
  const existing = await table.get(newsFeedKey(id), { attributes: ['pk'] });
  await transact([
    {
      Update: {
        Key: newsFeedKey(id),
        UpdateExpression: 'SET id = :id, #url = :url, fonte = :fonte, autocapitalize = :autocapitalize, #status = :status, tags = :tags',
        ExpressionAttributeNames: { '#url': 'url', '#status': 'status' },
        ExpressionAttributeValues: {
          ':id': id,
          ':url': feed.url,
          ':fonte': feed.fonte,
          ':autocapitalize': feed.autocapitalize,
          ':status': feed.status,
          ':tags': feed.tags,
        },
      },
    },
    auditPut(auditEntry(caller, existing ? 'news_feed.update' : 'news_feed.create', { type: 'news_feed', id }, { status: feed.status })),
  ]);
  return { created: !existing };
}

/** Replaces questionnaire `id` (it must exist: new questionnaires also need their place in the flows, which is content). */
export async function putQuestionnaire(caller: AdminCaller, id: number, questionnaire: Omit<Questionnaire, 'id'>): Promise<void> {
  if (!(await table.get(quizQuestionnaireKey(id), { attributes: ['pk'] }))) throw itemNotFound();
  await transact([
    {
      Put: {
        Item: { ...quizQuestionnaireKey(id), kind: 'questionnaire', questionnaire: { ...questionnaire, id } },
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    auditPut(
      auditEntry(caller, 'questionnaire.update', { type: 'questionnaire', id }, { questions: questionnaire.quiz_config.length, active: questionnaire.active }),
    ),
  ]);
}
