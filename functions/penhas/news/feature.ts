/**
 * The news feature's part of the PenhaS manifest: the feeds' schedule, the
 * queue that indexes each item found, and the tracked redirect of news links.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { newsRoutes } from './news.route.ts';

export const feature: FeatureManifest = {
  routes: newsRoutes,
  queues: [
    {
      name: queues.newsIndex,
      consumer: { handler: 'functions/penhas/news/index-news.ts', timeoutSeconds: 30 },
      // One item per invocation: each reads a page of another site.
      batchSize: 1,
    },
  ],
  schedules: [
    {
      name: 'news-feeds',
      expression: 'rate(5 minutes)',
      description: 'Downloads the news feeds that are due (each every 3 hours, 7 days after a failure) and queues their new items for indexing',
      handler: 'functions/penhas/news/tick-feeds.ts',
      timeoutSeconds: 120,
      access: { sendsTo: [queues.newsIndex] },
    },
  ],
};
