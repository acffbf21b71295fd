/** Agent skills routes: anyone in the organization reads them, admins change them. */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { uuid } from '../params.ts';
import { userId, userIdParams } from './user.route.ts';

const skillName = z
  .string()
  .check(z.trim(), z.minLength(1, 'String should have at least 1 character'), z.maxLength(100, 'String should have at most 100 characters'));
const proficiency = z
  .number({ error: 'Input should be a valid integer' })
  .check(z.int('Input should be a valid integer'), z.gte(1, 'Input should be greater than or equal to 1'), z.lte(5, 'Input should be less than or equal to 5'));

export const skillInput = z.object({ skill_name: skillName, proficiency_level: z._default(proficiency, 3) });
const skillResponse = z.object({ id: z.string(), organization_id: z.string(), user_id: z.string(), skill_name: z.string(), proficiency_level: z.number() });

const skillParams = z.object({ user_id: uuid(), skill_id: uuid() });
const skillId: ObjectId = { object: 'skill', from: 'path', field: 'skill_id', owner: 'tenant' };

const common = {
  401: failure('Not authenticated'),
  404: failure('User or skill not found (also for another organization’s)'),
  422: failure('Invalid input'),
};

export const listSkillsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/users/{user_id}/skills',
  auth: 'jwt',
  handler: 'functions/pytake/users/list-skills.ts',
  summary: "A user's skills, by name",
  request: { params: userIdParams },
  objectIds: [userId],
  responses: { 200: ok('Skills', z.array(skillResponse)), ...common },
});

export const addSkillRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/users/{user_id}/skills',
  auth: 'jwt',
  handler: 'functions/pytake/users/add-skill.ts',
  summary: 'Adds a skill to a user (admins only)',
  request: { params: userIdParams, body: skillInput },
  objectIds: [userId],
  responses: { 201: ok('Added', skillResponse), 403: failure('Not an admin'), ...common },
});

export const replaceSkillsRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/users/{user_id}/skills',
  auth: 'jwt',
  handler: 'functions/pytake/users/replace-skills.ts',
  summary: "Replaces all of a user's skills (admins only)",
  request: { params: userIdParams, body: z.array(skillInput).check(z.maxLength(50, 'List should have at most 50 items')) },
  objectIds: [userId],
  responses: { 200: ok('The new skills', z.array(skillResponse)), 403: failure('Not an admin'), ...common },
});

export const updateSkillRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/users/{user_id}/skills/{skill_id}',
  auth: 'jwt',
  handler: 'functions/pytake/users/update-skill.ts',
  summary: "Changes a skill's name or proficiency (admins only)",
  request: { params: skillParams, body: z.object({ skill_name: z.optional(skillName), proficiency_level: z.optional(proficiency) }) },
  objectIds: [userId, skillId],
  responses: { 200: ok('Updated', skillResponse), 403: failure('Not an admin'), ...common },
});

export const deleteSkillRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/users/{user_id}/skills/{skill_id}',
  auth: 'jwt',
  handler: 'functions/pytake/users/delete-skill.ts',
  summary: 'Removes a skill (admins only)',
  request: { params: skillParams },
  objectIds: [userId, skillId],
  responses: { 204: noContent('Removed'), 403: failure('Not an admin'), ...common },
});

export const availableSkillsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/users/skills/available',
  auth: 'jwt',
  handler: 'functions/pytake/users/available-skills.ts',
  summary: 'Every skill name used in the organization',
  request: {},
  responses: { 200: ok('Skill names', z.array(z.string())), 401: failure('Not authenticated') },
});
