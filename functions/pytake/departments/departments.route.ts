/** Departments: `/api/v1/departments` (admins create and change them; every member reads them). */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { optionalText, pagination, uuid } from '../params.ts';

export const departmentIdParams = z.object({ department_id: uuid() });
export const departmentId: ObjectId = { object: 'department', from: 'path', field: 'department_id', owner: 'tenant' };

const color = z.string().check(z.regex(/^#[0-9A-Fa-f]{6}$/, "String should match pattern '^#[0-9A-Fa-f]{6}$'"));
const name = z.string().check(z.minLength(1, 'String should have at least 1 character'), z.maxLength(255, 'String should have at most 255 characters'));
const fields = {
  slug: optionalText({ min: 1, max: 100 }),
  description: optionalText(),
  color: z.optional(color),
  icon: optionalText({ max: 50 }),
  is_active: z.optional(z.boolean()),
  agent_ids: z.optional(z.array(uuid())),
};

export const departmentResponse = z.looseObject({
  id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  slug: z.string(),
  is_active: z.boolean(),
  agent_ids: z.array(z.string()),
});

const unauthenticated = { 401: failure('Not authenticated') };
const notFound = { 404: failure('Department not found (also for a department of another organization)') };
const invalid = { 422: failure('Invalid input') };
const notAdmin = { 403: failure('Not an admin') };

export const createDepartmentRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/departments',
  auth: 'jwt',
  handler: 'functions/pytake/departments/create-department.ts',
  summary: 'Creates a department (admins only)',
  request: { body: z.object({ name, ...fields }) },
  responses: { 201: ok('Created', departmentResponse), ...unauthenticated, ...notAdmin, ...invalid },
});

export const listDepartmentsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/departments',
  auth: 'jwt',
  handler: 'functions/pytake/departments/list-departments.ts',
  summary: 'The organization’s departments by name',
  request: { query: z.object({ ...pagination(), is_active: z.optional(z.stringbool()) }) },
  responses: { 200: ok('The departments', z.array(departmentResponse)), ...unauthenticated, ...invalid },
});

export const getDepartmentRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/departments/{department_id}',
  auth: 'jwt',
  handler: 'functions/pytake/departments/get-department.ts',
  summary: 'A department of the organization',
  request: { params: departmentIdParams },
  objectIds: [departmentId],
  responses: { 200: ok('The department', departmentResponse), ...unauthenticated, ...notFound, ...invalid },
});

export const updateDepartmentRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/departments/{department_id}',
  auth: 'jwt',
  handler: 'functions/pytake/departments/update-department.ts',
  summary: 'Changes a department (admins only)',
  request: { params: departmentIdParams, body: z.object({ name: z.optional(name), ...fields }) },
  objectIds: [departmentId],
  responses: { 200: ok('Updated', departmentResponse), ...unauthenticated, ...notAdmin, ...notFound, ...invalid },
});

export const deleteDepartmentRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/departments/{department_id}',
  auth: 'jwt',
  handler: 'functions/pytake/departments/delete-department.ts',
  summary: 'Removes a department (admins only)',
  request: { params: departmentIdParams },
  objectIds: [departmentId],
  responses: { 204: noContent('Deleted'), ...unauthenticated, ...notAdmin, ...notFound, ...invalid },
});
