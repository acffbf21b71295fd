/**
 * The timeline's tags offered as filters (`GET /filter-tags`), and the
 * categories a user may filter by, which follow her modules: news only with
 * `noticias`, her own posts only with `tweets`. The tag catalog is data kept
 * with the code; ids are stable, as posts and news items refer to them.
 */
import { moduleCodes } from './me-view.ts';
import type { UserRecord } from './users.ts';

export interface Tag {
  id: number;
  title: string;
  /** Offered in the filter list. */
  show_on_filters: boolean;
}

export const TAGS: readonly Tag[] = [
  { id: 1, title: 'Violência doméstica', show_on_filters: true },
  { id: 2, title: 'Violência psicológica', show_on_filters: true },
  { id: 3, title: 'Direitos', show_on_filters: true },
  { id: 4, title: 'Rede de apoio', show_on_filters: true },
  { id: 5, title: 'Saúde mental', show_on_filters: true },
  { id: 6, title: 'Autocuidado', show_on_filters: true },
  { id: 7, title: 'Maternidade', show_on_filters: true },
  { id: 8, title: 'Trabalho', show_on_filters: true },
  { id: 9, title: 'Relacionamentos', show_on_filters: true },
  { id: 10, title: 'Segurança', show_on_filters: true },
  { id: 11, title: 'Empoderamento', show_on_filters: true },
  { id: 12, title: 'Denúncia', show_on_filters: true },
];

export interface Category {
  default: 0 | 1;
  value: string;
  label: string;
}

const byTitle = new Intl.Collator('pt-BR').compare;

export function filterTags(user: Pick<UserRecord, 'id' | 'genero'>): { tags: Array<{ id: number; title: string }>; categories: Category[] } {
  const modules = moduleCodes(user);
  const categories: Category[] = [{ default: 1, value: 'all', label: 'Tudo' }];
  if (modules.includes('noticias')) categories.push({ default: 0, value: 'only_news', label: 'Apenas notícias' });
  if (modules.includes('tweets')) {
    categories.push(
      { default: 0, value: 'only_tweets', label: 'Apenas publicações' },
      { default: 0, value: 'all_myself', label: 'Minhas publicações e comentários' },
    );
  }
  return {
    tags: TAGS.filter((t) => t.show_on_filters)
      .map(({ id, title }) => ({ id, title }))
      .sort((a, b) => byTitle(a.title, b.title)),
    categories,
  };
}
