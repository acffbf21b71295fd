/**
 * `PUT /me`: the profile fields a user may change herself (nickname, bio,
 * race, skills), and her e-mail and password, which need her current
 * password. Checks run in the original's order: current password, e-mail in
 * use, new password's policy, skills.
 */
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { FIELDS_NOT_FILLED, formError } from '../errors.ts';
import { emailKey, userKey } from '../keys.ts';
import { checkPassword } from './password-policy.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { isPublishedSkill } from './skills.ts';
import type { Raca, UserRecord } from './users.ts';

export interface MeChanges {
  skills?: string;
  skills_remove?: string;
  apelido?: string;
  senha?: string;
  minibio?: string;
  email?: string;
  /** One of RACAS (checked by the route). */
  raca?: string;
  senha_atual?: string;
}

/** Throws the original's `form_error` on `senha_atual` unless it is the account's password. */
export async function checkCurrentPassword(user: UserRecord, senhaAtual: string | undefined): Promise<void> {
  if (!senhaAtual) throw formError('senha_atual', 'is_required', `${FIELDS_NOT_FILLED} (senha_atual)`);
  if (senhaAtual.length > 200)
    throw formError('senha_atual', 'invalid_max_length', `${FIELDS_NOT_FILLED} (senha_atual) máximo: 200 enviado: ${senhaAtual.length}`);
  if (!(await verifyPassword(senhaAtual, user.password_hash))) throw formError('senha_atual', 'invalid', 'Senha atual não confere.');
}

/** The e-mail's sentinel names its account by id, by key, or both. */
export interface EmailSentinel {
  userId?: number;
  owner?: { pk: string; sk: string };
}

export const heldBy = (sentinel: EmailSentinel, userId: number): boolean => sentinel.userId === userId || sentinel.owner?.pk === userKey(userId).pk;

const emailInUse = () => formError('email', 'duplicate', 'O e-mail já está em uso em outra conta');

/** The skill ids of `list` (`"3,1,3"`), distinct and ascending; a form_error naming the first unknown id. */
export function parseSkills(list: string): number[] {
  const ids = list === '' ? [] : list.split(',').map(Number);
  for (const id of ids) if (!isPublishedSkill(id)) throw formError('skills', 'invalid', `Skill ID ${id} não é válido`);
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Applies the changes; answers the account as stored after them. */
export async function updateMe(user: UserRecord, input: MeChanges): Promise<UserRecord> {
  if (input.email || input.senha) await checkCurrentPassword(user, input.senha_atual);

  const changes: Partial<UserRecord> = {};
  const newEmail = input.email?.trim().toLowerCase();
  if (newEmail !== undefined && newEmail !== user.email.toLowerCase()) {
    const holder = await table.get<EmailSentinel>(emailKey(newEmail));
    if (holder && !heldBy(holder, user.id)) throw emailInUse();
    changes.email = newEmail;
  }
  if (input.senha) {
    checkPassword(input.senha);
    changes.password_hash = await hashPassword(input.senha);
  }
  if (input.skills_remove === '1') changes.skills = [];
  else if (input.skills !== undefined) changes.skills = parseSkills(input.skills);
  if (input.apelido !== undefined) changes.apelido = input.apelido;
  if (input.minibio !== undefined) changes.minibio = input.minibio;
  if (input.raca !== undefined) changes.raca = input.raca as Raca;

  if (Object.keys(changes).length === 0) return user;
  const update = updateExpression(changes);
  if (changes.email === undefined) {
    const stored = await table.update<UserRecord>(userKey(user.id), update.expression, {
      condition: 'attribute_exists(pk)',
      names: update.names,
      values: update.values,
      returning: 'new',
    });
    return stored ?? { ...user, ...changes };
  }
  // The e-mail moves with its sentinel in one transaction: login finds her by the new one only.
  try {
    await transact([
      {
        Update: {
          Key: userKey(user.id),
          UpdateExpression: update.expression,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: update.values,
        },
      },
      {
        Delete: {
          Key: emailKey(user.email),
          ConditionExpression: 'attribute_not_exists(pk) OR userId = :owner OR #owner.pk = :ownerPk',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': user.id, ':ownerPk': userKey(user.id).pk },
        },
      },
      {
        Put: { Item: { ...emailKey(changes.email), userId: user.id, owner: userKey(user.id) }, ConditionExpression: 'attribute_not_exists(pk)' },
        conflictCode: 'email_in_use',
      },
    ]);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'conflict') throw emailInUse();
    throw error;
  }
  return { ...user, ...changes, version: user.version + 1 };
}

function updateExpression(changes: Partial<UserRecord>) {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':one': 1 };
  const sets = Object.entries(changes).map(([attribute, value], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = value;
    return `#a${i} = :a${i}`;
  });
  return { expression: `SET ${sets.join(', ')} ADD #version :one`, names, values };
}
