/**
 * The skills a user may list on her profile (`PUT /me` `skills`, `GET
 * /filter-skills`). The catalog is data kept with the code: ids are stable
 * (profiles store them), `sort` orders the list, and only `published` skills
 * are offered or accepted.
 */
export interface Skill {
  id: number;
  skill: string;
  sort: number;
  status: 'published' | 'draft';
}

export const SKILLS: readonly Skill[] = [
  { id: 1, skill: 'Advogada', sort: 1, status: 'published' },
  { id: 2, skill: 'Psicóloga', sort: 2, status: 'published' },
  { id: 3, skill: 'Assistente social', sort: 3, status: 'published' },
  { id: 4, skill: 'Médica', sort: 4, status: 'published' },
  { id: 5, skill: 'Enfermeira', sort: 5, status: 'published' },
  { id: 6, skill: 'Professora', sort: 6, status: 'published' },
  { id: 7, skill: 'Jornalista', sort: 7, status: 'published' },
  { id: 8, skill: 'Empreendedora', sort: 8, status: 'published' },
  { id: 9, skill: 'Estudante', sort: 9, status: 'published' },
  { id: 10, skill: 'Artista', sort: 10, status: 'published' },
  { id: 11, skill: 'Tecnologia', sort: 11, status: 'published' },
  { id: 12, skill: 'Cuidadora', sort: 12, status: 'published' },
  { id: 13, skill: 'Voluntária', sort: 13, status: 'published' },
  { id: 14, skill: 'Acolhimento', sort: 14, status: 'published' },
];

const published = new Map(SKILLS.filter((s) => s.status === 'published').map((s) => [s.id, s]));

export const isPublishedSkill = (id: number): boolean => published.has(id);

/** `GET /filter-skills`: the published skills in catalog order. */
export function filterSkills(): { skills: Array<{ id: number; skill: string }> } {
  return {
    skills: [...published.values()].sort((a, b) => a.sort - b.sort || a.id - b.id).map(({ id, skill }) => ({ id, skill })),
  };
}
