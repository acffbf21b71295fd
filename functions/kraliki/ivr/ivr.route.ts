/** /api/ivr: IVR menus as data, the organization's IVR configuration, flows. Reads: any member; writes: SUPERVISOR or ADMIN. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';
import { configSchema, createFlowBody, createMenuBody, done, flowSchema, menuSchema, updateConfigBody, updateMenuBody } from './schemas.ts';

const menuId: ObjectId[] = [{ object: 'IVR menu', from: 'path', field: 'menu_id', owner: 'tenant' }];
const byId = { params: z.object({ menu_id: id }) };
const supervisors = signedIn('SUPERVISOR or ADMIN');
const members = signedIn();
const read = { table: 'read' as const, secrets: ['auth' as const] };
const write = { secrets: ['auth' as const] };
const menuRules = failure('Validation error: a key used twice, a menu option without its menu (or one not in the organization), a bad queue name');

export const listMenusRoute = kralikiRoute({
  method: 'GET',
  path: '/api/ivr/menus',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/list-menus.ts',
  access: read,
  request: {},
  summary: 'The organization’s IVR menus, newest first',
  responses: { 200: ok('The menus', z.object({ menus: z.array(menuSchema) })), ...members },
});

export const createMenuRoute = kralikiRoute({
  method: 'POST',
  path: '/api/ivr/menus',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/create-menu.ts',
  access: write,
  summary: 'Creates an IVR menu: a greeting and what each key does (SUPERVISOR or ADMIN)',
  request: { body: createMenuBody },
  responses: { 201: ok('The menu', done('menu', menuSchema)), ...supervisors, 422: menuRules },
});

export const getMenuRoute = kralikiRoute({
  method: 'GET',
  path: '/api/ivr/menus/{menu_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/get-menu.ts',
  access: read,
  summary: 'One IVR menu',
  request: byId,
  responses: { 200: ok('The menu', menuSchema), ...members, 404: notFoundInOrg('IVR menu') },
  objectIds: menuId,
});

export const updateMenuRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/ivr/menus/{menu_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/update-menu.ts',
  access: write,
  summary: 'Changes an IVR menu; `options`, when given, replace all of them (SUPERVISOR or ADMIN)',
  request: { ...byId, body: updateMenuBody },
  responses: {
    200: ok('The menu as changed', done('menu', menuSchema)),
    ...supervisors,
    404: notFoundInOrg('IVR menu'),
    409: failure('concurrent_update: the menu changed meanwhile'),
    422: menuRules,
  },
  objectIds: menuId,
});

export const deleteMenuRoute = kralikiRoute({
  method: 'DELETE',
  path: '/api/ivr/menus/{menu_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/delete-menu.ts',
  access: write,
  summary: 'Deletes an IVR menu; if it was the main menu, the organization’s numbers answer without one (SUPERVISOR or ADMIN)',
  request: byId,
  responses: { 200: ok('Deleted', z.object({ success: z.boolean(), message: z.string() })), ...supervisors, 404: notFoundInOrg('IVR menu') },
  objectIds: menuId,
});

export const getConfigRoute = kralikiRoute({
  method: 'GET',
  path: '/api/ivr/config',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/get-config.ts',
  access: read,
  request: {},
  summary: 'The organization’s IVR configuration: the main menu its numbers answer with',
  responses: { 200: ok('The configuration', configSchema), ...members },
});

export const updateConfigRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/ivr/config',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/update-config.ts',
  access: write,
  summary: 'Binds the organization’s numbers to a main menu (`null` unbinds), and its settings (SUPERVISOR or ADMIN)',
  request: { body: updateConfigBody },
  responses: { 200: ok('The configuration', done('config', configSchema)), ...supervisors, 404: notFoundInOrg('IVR menu (main_menu_id)') },
  objectIds: [{ object: 'IVR menu', from: 'body', field: 'main_menu_id', owner: 'tenant' }],
});

export const listFlowsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/ivr/flows',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/list-flows.ts',
  access: read,
  request: {},
  summary: 'The organization’s IVR flows, newest first',
  responses: { 200: ok('The flows', z.object({ flows: z.array(flowSchema) })), ...members },
});

export const createFlowRoute = kralikiRoute({
  method: 'POST',
  path: '/api/ivr/flows',
  auth: 'jwt',
  handler: 'functions/kraliki/ivr/create-flow.ts',
  access: write,
  summary: 'Creates an IVR flow starting at one of the organization’s menus (SUPERVISOR or ADMIN)',
  request: { body: createFlowBody },
  responses: { 201: ok('The flow', done('flow', flowSchema)), ...supervisors, 404: notFoundInOrg('IVR menu (start_menu_id)') },
  objectIds: [{ object: 'IVR menu', from: 'body', field: 'start_menu_id', owner: 'tenant' }],
});
