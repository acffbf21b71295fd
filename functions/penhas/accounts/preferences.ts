/**
 * Notification preferences (`GET/POST /me/preferences`). The catalog is data
 * kept with the code (the original's fixed rows): each preference has a name
 * the app sends back as a parameter, a label, its value until the user
 * chooses, and its place in the list. What she chose is one item in her
 * partition holding only the preferences she set (`'0'`/`'1'`); the
 * notification jobs read them with `preferenceValues`.
 *
 * Only women see preferences (the community modules are theirs); admin-only
 * ones are shown to admins; the two about badge holders are shown only when
 * they can matter (she holds a city badge; her city has badge holders).
 */
import * as table from '#shared/db/table';
import { preferencesKey } from '../keys.ts';
import { isFemale, type UserRecord } from './users.ts';

export interface Preference {
  name: string;
  label: string;
  initial_value: '0' | '1';
  sort: number;
  active: boolean;
  admin_only: boolean;
  /** Shown only when this fact about the user holds. */
  shownWhen?: keyof BadgeFacts;
}

/** What the badge-related preferences depend on. */
export interface BadgeFacts {
  /** She holds a badge linked to a city. */
  holdsCityBadge: boolean;
  /** Someone holds a badge linked to her city. */
  cityHasBadgeHolders: boolean;
}

export const PREFERENCES: readonly Preference[] = [
  { name: 'POST_AS_PENHAS', label: 'Postar como PenhaS', initial_value: '0', sort: 0, active: true, admin_only: true },
  { name: 'NOTIFY_LIKES_POSTS_CREATED', label: 'Curtidas nas minhas publicações', initial_value: '1', sort: 10, active: true, admin_only: false },
  { name: 'NOTIFY_LIKES_POSTS_COMMENTED', label: 'Curtidas nos meus comentários', initial_value: '1', sort: 20, active: true, admin_only: false },
  { name: 'NOTIFY_COMMENTS_POSTS_CREATED', label: 'Comentários nas minhas publicações', initial_value: '1', sort: 30, active: true, admin_only: false },
  {
    name: 'NOTIFY_COMMENTS_POSTS_COMMENTED',
    label: 'Comentários nas publicações que comentei',
    initial_value: '1',
    sort: 40,
    active: true,
    admin_only: false,
  },
  { name: 'NOTIFY_CHAT_NEW_MESSAGES', label: 'Novas mensagens no chat', initial_value: '1', sort: 50, active: true, admin_only: false },
  {
    name: 'NOTIFY_POST_FROM_BADGE_HOLDER_IN_MY_CITY',
    label: 'Posts feitos por usuárias perto de você',
    initial_value: '1',
    sort: 100,
    active: true,
    admin_only: false,
    shownWhen: 'cityHasBadgeHolders',
  },
  {
    name: 'NOTIFY_POST_FROM_BADGE_HOLDER_FOR_LINKED_CITY',
    label: 'Posts de usuárias da sua região',
    initial_value: '1',
    sort: 110,
    active: true,
    admin_only: false,
    shownWhen: 'holdsCityBadge',
  },
];

const ACTIVE = PREFERENCES.filter((p) => p.active).sort((a, b) => a.sort - b.sort);

/** Names of the preferences a user may set. */
export const PREFERENCE_NAMES = ACTIVE.map((p) => p.name);

export interface PreferenceView {
  key: string;
  value: '0' | '1';
  label: string;
  type: 'boolean';
}

type Chosen = Record<string, unknown>;

/** Badges are assigned by the admin API; until it exists nobody holds one. */
const NO_BADGES: BadgeFacts = { holdsCityBadge: false, cityHasBadgeHolders: false };

/** What `GET /me/preferences` lists for the user, given what she chose. */
export function preferenceList(user: Pick<UserRecord, 'genero' | 'eh_admin'>, chosen: Chosen, badges: BadgeFacts = NO_BADGES): PreferenceView[] {
  if (!isFemale(user)) return [];
  return ACTIVE.filter((p) => (user.eh_admin ? true : !p.admin_only))
    .filter((p) => (p.shownWhen ? badges[p.shownWhen] : true))
    .map((p) => ({ key: p.name, value: currentValue(p, chosen), label: p.label, type: 'boolean' }));
}

function currentValue(preference: Preference, chosen: Chosen): '0' | '1' {
  const value = chosen[preference.name];
  return (value === undefined ? preference.initial_value : value) === '1' ? '1' : '0';
}

async function chosenBy(userId: number): Promise<Chosen> {
  return (await table.get<Chosen>(preferencesKey(userId))) ?? {};
}

export async function listPreferences(user: UserRecord): Promise<{ preferences: PreferenceView[] }> {
  if (!isFemale(user)) return { preferences: [] };
  return { preferences: preferenceList(user, await chosenBy(user.id)) };
}

/** Every active preference's value for the user (hers, or the initial one): for the notification jobs. */
export async function preferenceValues(userId: number): Promise<Record<string, '0' | '1'>> {
  const chosen = await chosenBy(userId);
  return Object.fromEntries(ACTIVE.map((p) => [p.name, currentValue(p, chosen)]));
}

/** Stores the values given; names not in the catalog are ignored, and so are admin-only ones unless she is an admin. */
export async function setPreferences(user: Pick<UserRecord, 'id' | 'eh_admin'>, values: Record<string, string | undefined>, now = new Date()): Promise<void> {
  const given = ACTIVE.filter((p) => values[p.name] !== undefined && (user.eh_admin || !p.admin_only)).map((p) => p.name);
  if (given.length === 0) return;
  const names: Record<string, string> = { '#updated': 'updated_at' };
  const expressionValues: Record<string, unknown> = { ':now': now.toISOString() };
  const sets = given.map((name, i) => {
    names[`#p${i}`] = name;
    expressionValues[`:p${i}`] = values[name] === '1' ? '1' : '0';
    return `#p${i} = :p${i}`;
  });
  await table.update(preferencesKey(user.id), `SET ${sets.join(', ')}, #updated = :now`, { names, values: expressionValues });
}
