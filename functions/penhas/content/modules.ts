/**
 * Every PenhaS content module the seed writes. A feature's content plugs in
 * here: a module exporting a `ContentModule` (content-item.ts), listed below.
 * The quiz content lives in ./quiz/ and plugs in the same way.
 */
import type { ContentModule } from './content-item.ts';
import { newsContent } from './news/feeds.ts';
import { pointsContent } from './points/points-content.ts';
import { quizContentModule } from './quiz/questionnaires.ts';
import { tasksCatalogContent } from './tasks-catalog.ts';
import { webPagesContent } from './web-pages.ts';

export const contentModules: readonly ContentModule[] = [tasksCatalogContent, webPagesContent, quizContentModule, newsContent, pointsContent];
