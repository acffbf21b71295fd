/**
 * The support points' content module: categories, projects, the sample
 * points (each as its detail item and its indexed list entry) and the
 * municipality outlines the regional rule reads.
 */
import { municipalityItems } from '../../points/municipalities.ts';
import { categoryItem, pointItems, projectItem } from '../../points/points.ts';
import type { ContentItem, ContentModule } from '../content-item.ts';
import { MUNICIPALITIES } from './municipalities.ts';
import { CATEGORIAS, PONTOS_APOIO, PROJETOS } from './points-data.ts';

export const pointsContent: ContentModule = {
  name: 'pontos-de-apoio',
  items(): ContentItem[] {
    const labels = new Map(CATEGORIAS.map((c) => [c.id, c.label]));
    return [
      ...CATEGORIAS.map(categoryItem),
      ...PROJETOS.map(projectItem),
      ...PONTOS_APOIO.flatMap((point) => {
        const { detail, entry } = pointItems(point, labels.get(point.categoria) ?? '');
        return [detail, entry];
      }),
      ...MUNICIPALITIES.flatMap(municipalityItems),
    ];
  },
};
