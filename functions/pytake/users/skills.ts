/**
 * Agent skills (for skills-based queue routing): a name and a proficiency of
 * 1 to 5, each an item of the organization's partition under its user.
 */
import { randomUUID } from 'node:crypto';
import { batchWrite } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { objectNotFound } from '../errors.ts';
import { orgPartition, SKILL_PREFIX, skillKey, skillPrefix } from '../keys.ts';
import { getUser } from './manage.ts';

export type SkillRecord = {
  pk: string;
  sk: string;
  id: string;
  organization_id: string;
  user_id: string;
  skill_name: string;
  proficiency_level: number;
  created_at: string;
  updated_at: string;
};

export interface SkillInput {
  skill_name: string;
  proficiency_level: number;
}

export const skillView = (skill: SkillRecord) => ({
  id: skill.id,
  organization_id: skill.organization_id,
  user_id: skill.user_id,
  skill_name: skill.skill_name,
  proficiency_level: skill.proficiency_level,
});

const skillNotFound = () => objectNotFound('Skill');
const byName = (a: SkillRecord, b: SkillRecord) => a.skill_name.localeCompare(b.skill_name) || a.id.localeCompare(b.id);

function newSkill(orgId: string, userId: string, input: SkillInput, now = new Date().toISOString()): SkillRecord {
  const id = randomUUID();
  return { ...skillKey(orgId, userId, id), id, organization_id: orgId, user_id: userId, ...input, created_at: now, updated_at: now };
}

const skillsOf = (orgId: string, userId: string) => queryAll<SkillRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: skillPrefix(userId) } }));

/** The user's skills by name; 404 when the user is not the organization's. */
export async function listSkills(orgId: string, userId: string): Promise<SkillRecord[]> {
  const [, skills] = await Promise.all([getUser(orgId, userId), skillsOf(orgId, userId)]);
  return skills.sort(byName);
}

export async function addSkill(orgId: string, userId: string, input: SkillInput): Promise<SkillRecord> {
  await getUser(orgId, userId);
  const skill = newSkill(orgId, userId, input);
  await table.put(skill);
  return skill;
}

export async function updateSkill(orgId: string, userId: string, skillId: string, input: Partial<SkillInput>): Promise<SkillRecord> {
  const sets = ['updated_at = :now'];
  const values: Record<string, unknown> = { ':now': new Date().toISOString() };
  if (input.skill_name !== undefined) {
    sets.push('skill_name = :name');
    values[':name'] = input.skill_name;
  }
  if (input.proficiency_level !== undefined) {
    sets.push('proficiency_level = :level');
    values[':level'] = input.proficiency_level;
  }
  const updated = await table.update<SkillRecord>(skillKey(orgId, userId, skillId), `SET ${sets.join(', ')}`, {
    condition: 'attribute_exists(pk)',
    values,
    returning: 'new',
    onConditionFailure: skillNotFound(),
  });
  return updated as SkillRecord;
}

export async function deleteSkill(orgId: string, userId: string, skillId: string): Promise<void> {
  await table.delete(skillKey(orgId, userId, skillId), { condition: 'attribute_exists(pk)', onConditionFailure: skillNotFound() });
}

/** Replaces all the user's skills with `inputs`. */
export async function replaceSkills(orgId: string, userId: string, inputs: SkillInput[]): Promise<SkillRecord[]> {
  const [, existing] = await Promise.all([getUser(orgId, userId), skillsOf(orgId, userId)]);
  const now = new Date().toISOString();
  const skills = inputs.map((input) => newSkill(orgId, userId, input, now));
  const deletes = existing.map(({ pk, sk }) => ({ pk, sk }));
  // All or nothing while it fits one transaction (inputs are at most 50; a user rarely has more).
  if (skills.length + deletes.length <= 100) await transact([...deletes.map((Key) => ({ Delete: { Key } })), ...skills.map((Item) => ({ Put: { Item } }))]);
  else await batchWrite({ puts: skills, deletes });
  return skills.sort(byName);
}

/** Every skill name used in the organization, once each, sorted. */
export async function availableSkills(orgId: string): Promise<string[]> {
  const skills = await queryAll<{ skill_name: string }>({
    ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: SKILL_PREFIX } }),
    ProjectionExpression: 'skill_name',
  });
  return [...new Set(skills.map((skill) => skill.skill_name))].sort((a, b) => a.localeCompare(b));
}
