/**
 * IVR menus, the organization's IVR configuration (which menu answers its
 * numbers) and flows, all in the organization's partition (keys.ts), so another
 * organization's id is simply not found.
 *
 * A menu is one item with its options inside (at most 12: one per key). The
 * configuration is one item; deleting the main menu unbinds it. Rules checked
 * on write, beyond the schemas: each key at most once per menu, a `menu` option
 * names a menu of the organization, a `queue` target is a short name (it becomes
 * part of the Twilio queue's name, calls/names.ts).
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { conflict, type FieldProblem, invalid } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { notFoundError } from '../errors.ts';
import { IVR_FLOW_PREFIX, IVR_MENU_PREFIX, ivrConfigKey, ivrFlowKey, ivrMenuKey, orgPartition } from '../keys.ts';
import type { CreateFlowInput, CreateMenuInput, IvrConfigView, IvrFlow, IvrMenu, MenuOption, MenuOptionInput, UpdateMenuInput } from './schemas.ts';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,27}$/;

interface ConfigItem {
  id: string;
  organization_id: string;
  main_menu_id: string | null;
  settings: Record<string, unknown> | null;
  active: boolean;
  created_at: string;
  updated_at: string;
}

const strip = <T extends object>(item: T & { pk?: unknown; sk?: unknown }): T => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
};

export async function findMenu(orgId: string, menuId: string): Promise<IvrMenu | undefined> {
  const item = await table.get<IvrMenu>(ivrMenuKey(orgId, menuId));
  return item && strip(item);
}

export async function getMenu(orgId: string, menuId: string): Promise<IvrMenu> {
  const menu = await findMenu(orgId, menuId);
  if (!menu) throw notFoundError('IVR menu');
  return menu;
}

/** Newest first. */
export async function listMenus(orgId: string): Promise<IvrMenu[]> {
  const menus: IvrMenu[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<IvrMenu>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': orgPartition(orgId), ':prefix': IVR_MENU_PREFIX },
      ExclusiveStartKey: lastKey,
    });
    menus.push(...page.items.map(strip));
    lastKey = page.lastKey;
  } while (lastKey);
  return menus.sort((a, b) => b.created_at.localeCompare(a.created_at));
}

async function checkOptions(orgId: string, options: MenuOptionInput[], selfId: string): Promise<MenuOption[]> {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  options.forEach((option, index) => {
    if (seen.has(option.digit))
      problems.push({ field: `options.${index}.digit`, reason: 'duplicate', message: `key ${option.digit} is used by another option` });
    seen.add(option.digit);
    const target = option.target || null;
    if (option.action === 'menu' && !target)
      problems.push({ field: `options.${index}.target`, reason: 'is_required', message: 'a menu option names the menu it opens' });
    if (option.action === 'queue' && target && !QUEUE_NAME.test(target)) {
      problems.push({ field: `options.${index}.target`, reason: 'invalid', message: 'a queue name has 1 to 27 letters, digits, _ or -' });
    }
  });
  if (problems.length) throw invalid(problems);
  const submenus = [...new Set(options.filter((o) => o.action === 'menu' && o.target !== selfId).map((o) => o.target as string))];
  const found = await Promise.all(submenus.map((id) => findMenu(orgId, id)));
  const missing = submenus.filter((_, i) => !found[i]);
  if (missing.length) {
    throw invalid(
      options.flatMap((option, index) =>
        option.action === 'menu' && missing.includes(option.target as string)
          ? [{ field: `options.${index}.target`, reason: 'not_found', message: 'no IVR menu with this id in the organization' }]
          : [],
      ),
    );
  }
  return options.map((option) => ({
    id: randomUUID(),
    digit: option.digit,
    description: option.description,
    action: option.action,
    target: option.target || null,
    metadata: option.metadata ?? null,
  }));
}

export async function createMenu(orgId: string, input: CreateMenuInput): Promise<IvrMenu> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const menu: IvrMenu = {
    id,
    name: input.name,
    greeting: input.greeting,
    options: await checkOptions(orgId, input.options, id),
    timeout: input.timeout,
    max_retries: input.max_retries,
    no_input_action: input.no_input_action,
    no_input_target: input.no_input_target ?? null,
    invalid_input_action: input.invalid_input_action,
    invalid_input_target: input.invalid_input_target ?? null,
    active: true,
    created_at: now,
    updated_at: now,
  };
  await table.put({ ...ivrMenuKey(orgId, id), ...menu }, { condition: 'attribute_not_exists(pk)' });
  logger.info('ivr menu created', { organizationId: orgId, menuId: id, options: menu.options.length });
  return menu;
}

export async function updateMenu(orgId: string, menuId: string, changes: UpdateMenuInput): Promise<IvrMenu> {
  const stored = await getMenu(orgId, menuId);
  const next: IvrMenu = { ...stored, updated_at: new Date().toISOString() };
  for (const field of ['name', 'greeting', 'timeout', 'max_retries', 'no_input_action', 'invalid_input_action'] as const) {
    if (changes[field] !== undefined) (next as Record<string, unknown>)[field] = changes[field];
  }
  for (const field of ['no_input_target', 'invalid_input_target'] as const) {
    if (changes[field] !== undefined) next[field] = changes[field] ?? null;
  }
  if (changes.options) next.options = await checkOptions(orgId, changes.options, menuId);
  // Conditional on the version read: a concurrent change is not silently overwritten, and a deleted menu stays deleted.
  await table.put(
    { ...ivrMenuKey(orgId, menuId), ...next },
    {
      condition: 'updated_at = :read',
      values: { ':read': stored.updated_at },
      onConditionFailure: (exists) => (exists ? conflict('concurrent_update', 'The menu changed meanwhile, try again') : notFoundError('IVR menu')),
    },
  );
  logger.info('ivr menu updated', { organizationId: orgId, menuId });
  return next;
}

export async function deleteMenu(orgId: string, menuId: string): Promise<void> {
  const deleted = await table.delete(ivrMenuKey(orgId, menuId), { condition: 'attribute_exists(pk)' });
  if (!deleted) throw notFoundError('IVR menu');
  // A configuration still naming it is unbound: its numbers answer without a menu.
  await table.update(ivrConfigKey(orgId), 'SET main_menu_id = :none, updated_at = :now', {
    condition: 'main_menu_id = :id',
    values: { ':none': null, ':id': menuId, ':now': new Date().toISOString() },
  });
  logger.info('ivr menu deleted', { organizationId: orgId, menuId });
}

// ---- configuration ----

const defaultConfig = (orgId: string): ConfigItem => ({
  id: orgId,
  organization_id: orgId,
  main_menu_id: null,
  settings: {},
  active: true,
  created_at: new Date().toISOString(),
  updated_at: new Date().toISOString(),
});

/** The stored configuration, or the default one (no main menu) for an organization that never set it. */
async function readConfig(orgId: string): Promise<ConfigItem> {
  const item = await table.get<ConfigItem>(ivrConfigKey(orgId));
  return item ? strip(item) : defaultConfig(orgId);
}

/** The menu that answers the organization's numbers, if one is bound. */
export async function mainMenuOf(orgId: string): Promise<IvrMenu | undefined> {
  const config = await table.get<ConfigItem>(ivrConfigKey(orgId));
  return config?.main_menu_id ? findMenu(orgId, config.main_menu_id) : undefined;
}

export async function getConfig(orgId: string): Promise<IvrConfigView> {
  const config = await readConfig(orgId);
  const mainMenu = config.main_menu_id ? await findMenu(orgId, config.main_menu_id) : undefined;
  return { ...config, main_menu: mainMenu ?? null };
}

export async function updateConfig(
  orgId: string,
  changes: { main_menu_id?: string | null; settings?: Record<string, unknown> | null },
): Promise<IvrConfigView> {
  const config = await readConfig(orgId);
  let mainMenu = config.main_menu_id ? await findMenu(orgId, config.main_menu_id) : undefined;
  if (changes.main_menu_id) {
    mainMenu = await findMenu(orgId, changes.main_menu_id);
    if (!mainMenu) throw notFoundError('Main menu');
  } else if (changes.main_menu_id === null) mainMenu = undefined;
  const next: ConfigItem = {
    ...config,
    main_menu_id: changes.main_menu_id !== undefined ? changes.main_menu_id : config.main_menu_id,
    settings: changes.settings !== undefined ? (changes.settings ?? {}) : config.settings,
    updated_at: new Date().toISOString(),
  };
  await table.put({ ...ivrConfigKey(orgId), ...next });
  logger.info('ivr configuration updated', { organizationId: orgId, mainMenuBound: Boolean(next.main_menu_id) });
  return { ...next, main_menu: mainMenu ?? null };
}

// ---- flows ----

export async function createFlow(orgId: string, input: CreateFlowInput): Promise<IvrFlow> {
  if (!(await findMenu(orgId, input.start_menu_id))) throw notFoundError('Start menu');
  const now = new Date().toISOString();
  const flow: IvrFlow = {
    id: randomUUID(),
    organization_id: orgId,
    name: input.name,
    description: input.description ?? null,
    start_menu_id: input.start_menu_id,
    steps: input.steps.map((step, order) => ({ type: step.type, target: step.target ?? null, conditions: step.conditions ?? null, order })),
    active: true,
    created_at: now,
    updated_at: now,
  };
  await table.put({ ...ivrFlowKey(orgId, flow.id), ...flow }, { condition: 'attribute_not_exists(pk)' });
  logger.info('ivr flow created', { organizationId: orgId, flowId: flow.id });
  return flow;
}

/** Newest first. */
export async function listFlows(orgId: string): Promise<IvrFlow[]> {
  const flows: IvrFlow[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<IvrFlow>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': orgPartition(orgId), ':prefix': IVR_FLOW_PREFIX },
      ExclusiveStartKey: lastKey,
    });
    flows.push(...page.items.map(strip));
    lastKey = page.lastKey;
  } while (lastKey);
  return flows.sort((a, b) => b.created_at.localeCompare(a.created_at));
}
