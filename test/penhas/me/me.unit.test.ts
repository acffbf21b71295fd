/** The pure parts of /me: modules by gender and rollout switch, the view, preferences, skills, the delete log. */
import { describe, expect, it } from 'vitest';
import { deleteLogItem } from '../../../functions/penhas/accounts/deletion.ts';
import { meView, moduleCodes } from '../../../functions/penhas/accounts/me-view.ts';
import { preferenceList } from '../../../functions/penhas/accounts/preferences.ts';
import { filterSkills } from '../../../functions/penhas/accounts/skills.ts';
import { filterTags } from '../../../functions/penhas/accounts/tags.ts';
import type { UserRecord } from '../../../functions/penhas/accounts/users.ts';

const user = (fields: Partial<UserRecord> = {}): UserRecord => ({
  pk: 'USER#7',
  sk: 'PROFILE',
  id: 7,
  status: 'active',
  created_on: '2024-01-01T00:00:00.000Z',
  email: 'maria@example.com',
  nome_completo: 'MARIA DA SILVA',
  apelido: 'Maria',
  genero: 'Feminino',
  raca: 'pardo',
  dt_nasc: '1990-05-14',
  cpf_prefix: '5299',
  cpf_hash: 'a'.repeat(64),
  cep: '01310100',
  password_hash: 'x',
  modo_anonimo_ativo: 0,
  modo_camuflado_ativo: 0,
  ja_foi_vitima_de_violencia: 0,
  qtde_login_offline: 0,
  qtde_ligar_para_policia: 0,
  qtde_guardioes_ativos: 2,
  version: 1,
  ...fields,
});

describe('moduleCodes', () => {
  it('gives Manual de Fuga to women when switched on for everyone or for their id', () => {
    expect(moduleCodes(user(), { ENABLE_MANUAL_FUGA: '1' })).toContain('mf');
    expect(moduleCodes(user(), { ENABLE_MANUAL_FUGA: '0' })).not.toContain('mf');
    expect(moduleCodes(user(), { ENABLE_MANUAL_FUGA: '0', ENABLE_MANUAL_FUGA_IDS: '3,7,9' })).toContain('mf');
    expect(moduleCodes(user(), { ENABLE_MANUAL_FUGA: '0', ENABLE_MANUAL_FUGA_IDS: '17,70' })).not.toContain('mf');
  });

  it('never gives men the community modules or Manual de Fuga', () => {
    expect(moduleCodes(user({ genero: 'Masculino' }), { ENABLE_MANUAL_FUGA: '1' })).toEqual(['chat_suporte', 'pontos_de_apoio', 'noticias']);
  });
});

describe('meView', () => {
  it('replaces the modules by the quiz while one is pending, adding its members', () => {
    const view = meView(user(), { extra: { quiz_session: { session_id: 1 } } }, {});
    expect(view.modules).toEqual([{ code: 'quiz', meta: {} }]);
    expect(view.quiz_session).toEqual({ session_id: 1 });
    expect(view.qtde_guardioes_ativos).toBe(2);
  });

  it('answers flags as 0/1 integers and her own avatar when she has one', () => {
    const view = meView(user({ avatar_url: 'https://x/a.png', ja_foi_vitima_de_violencia: 1 }), undefined, {}) as { user_profile: Record<string, unknown> };
    expect(view.user_profile.avatar_url).toBe('https://x/a.png');
    expect(view.user_profile.ja_foi_vitima_de_violencia).toBe(1);
  });
});

describe('preferenceList', () => {
  it('lists nothing for men, admin-only preferences for admins, badge ones only when they can matter', () => {
    expect(preferenceList(user({ genero: 'Masculino' }), {})).toEqual([]);
    const keys = (list: { key: string }[]) => list.map((p) => p.key);
    expect(keys(preferenceList(user(), {}))).not.toContain('POST_AS_PENHAS');
    expect(keys(preferenceList(user({ eh_admin: 1 }), {}))[0]).toBe('POST_AS_PENHAS');
    const withBadges = keys(preferenceList(user(), {}, { holdsCityBadge: true, cityHasBadgeHolders: true }));
    expect(withBadges.slice(-2)).toEqual(['NOTIFY_POST_FROM_BADGE_HOLDER_IN_MY_CITY', 'NOTIFY_POST_FROM_BADGE_HOLDER_FOR_LINKED_CITY']);
  });

  it('answers what she chose over the initial value', () => {
    const list = preferenceList(user(), { NOTIFY_CHAT_NEW_MESSAGES: '0' });
    expect(list.find((p) => p.key === 'NOTIFY_CHAT_NEW_MESSAGES')?.value).toBe('0');
    expect(list.find((p) => p.key === 'NOTIFY_LIKES_POSTS_CREATED')?.value).toBe('1');
  });
});

describe('catalogs', () => {
  it('lists skills by their order and tags by title, with ids', () => {
    const { skills } = filterSkills();
    expect(new Set(skills.map((s) => s.id)).size).toBe(skills.length);
    const { tags } = filterTags(user());
    expect(tags.map((t) => t.title)).toEqual([...tags.map((t) => t.title)].sort(new Intl.Collator('pt-BR').compare));
  });
});

describe('deleteLogItem', () => {
  it('keeps hashes and dates, never the e-mail, name, birth date, CEP or CPF prefix', () => {
    const item = deleteLogItem(user({ perform_delete_at: '2024-02-01T00:00:00.000Z' }), new Date('2024-02-01T00:01:00.000Z'));
    const text = JSON.stringify(item);
    for (const plain of ['maria@example.com', 'MARIA', '1990-05-14', '01310100', '5299']) expect(text).not.toContain(plain);
    expect(item).toMatchObject({ pk: 'DELETE_LOG#7', perform_delete_at: '2024-02-01T00:00:00.000Z', deleted_at: '2024-02-01T00:01:00.000Z' });
  });
});
