/**
 * /api/ivr through the gateway: menus as data (CRUD, the key rules), the
 * organization's configuration binding its numbers to a main menu, flows, who
 * may write, and bad input in FastAPI's 422 format. Another organization's ids
 * are in the authorization matrix.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

const mainMenu = (overrides: Record<string, unknown> = {}) => ({
  name: 'Main',
  greeting: 'Welcome. Press 1 for sales, 2 for support.',
  options: [
    { digit: '1', description: 'sales', action: 'queue', target: 'sales' },
    { digit: '2', description: 'support', action: 'transfer' },
    { digit: '#', description: 'goodbye', action: 'hangup' },
  ],
  ...overrides,
});

async function createMenu(org: Org, body: Record<string, unknown> = mainMenu()) {
  const reply = await h.app.post('/api/ivr/menus', { token: org.admin.token, json: body });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.menu;
}

describe('POST /api/ivr/menus', () => {
  it('creates a menu with its options and the reference’s defaults', async () => {
    const org = await h.registerOrg();
    const reply = await h.app.post('/api/ivr/menus', { token: org.admin.token, json: mainMenu() });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ success: true, message: 'IVR menu created' });
    expect(reply.body.menu).toMatchObject({
      name: 'Main',
      timeout: 5,
      max_retries: 3,
      no_input_action: 'repeat',
      invalid_input_action: 'repeat',
      active: true,
      options: [
        { digit: '1', action: 'queue', target: 'sales', metadata: null },
        { digit: '2', action: 'transfer', target: null },
        { digit: '#', action: 'hangup' },
      ],
    });
    expect(reply.body.menu.options[0].id).toEqual(expect.any(String));
  });

  it('lets a SUPERVISOR write and refuses an AGENT (403 supervisor_required)', async () => {
    const org = await h.registerOrg();
    const [supervisor, agent] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addUser(org, 'AGENT')]);
    expect((await h.app.post('/api/ivr/menus', { token: supervisor.token, json: mainMenu() })).status).toBe(201);
    const refused = await h.app.post('/api/ivr/menus', { token: agent.token, json: mainMenu() });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('supervisor_required');
    // Agents read menus.
    const listed = await h.app.get('/api/ivr/menus', { token: agent.token });
    expect(listed.status).toBe(200);
    expect(listed.body.menus).toHaveLength(1);
  });

  it('answers 422 in FastAPI’s format for a bad key, a missing greeting or an unknown action', async () => {
    const org = await h.registerOrg();
    const reply = await h.app.post('/api/ivr/menus', {
      token: org.admin.token,
      json: {
        name: 'Main',
        options: [
          { digit: '12', description: 'x', action: 'queue' },
          { digit: '3', description: 'y', action: 'teleport' },
        ],
      },
    });
    expect(reply.status).toBe(422);
    const locs = reply.body.detail.map((problem: { loc: unknown[] }) => problem.loc);
    expect(locs).toEqual(
      expect.arrayContaining([
        ['body', 'greeting'],
        ['body', 'options', 0, 'digit'],
        ['body', 'options', 1, 'action'],
      ]),
    );
    expect(reply.body.detail[0]).toEqual({ loc: expect.any(Array), msg: expect.any(String), type: expect.any(String) });
  });

  it('answers 422 for a key used twice, a menu option without its menu or naming none of the organization’s, a bad queue name', async () => {
    const [org, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const foreign = await createMenu(other);
    const reply = await h.app.post('/api/ivr/menus', {
      token: org.admin.token,
      json: mainMenu({
        options: [
          { digit: '1', description: 'a', action: 'hangup' },
          { digit: '1', description: 'b', action: 'hangup' },
          { digit: '2', description: 'c', action: 'menu' },
          { digit: '3', description: 'd', action: 'queue', target: 'no spaces allowed' },
        ],
      }),
    });
    expect(reply.status).toBe(422);
    expect(reply.body.detail.map((p: { loc: unknown[] }) => p.loc)).toEqual([
      ['body', 'options', 1, 'digit'],
      ['body', 'options', 2, 'target'],
      ['body', 'options', 3, 'target'],
    ]);
    const foreignSubmenu = await h.app.post('/api/ivr/menus', {
      token: org.admin.token,
      json: mainMenu({ options: [{ digit: '0', description: 'more', action: 'menu', target: foreign.id }] }),
    });
    expect(foreignSubmenu.status).toBe(422);
    expect(foreignSubmenu.body.detail).toEqual([expect.objectContaining({ loc: ['body', 'options', 0, 'target'] })]);
    expect((await h.app.get('/api/ivr/menus', { token: org.admin.token })).body.menus).toEqual([]);
  });
});

describe('GET, PUT, DELETE /api/ivr/menus/{menu_id}', () => {
  it('reads, replaces the options of, and deletes a menu', async () => {
    const org = await h.registerOrg();
    const menu = await createMenu(org);
    expect((await h.app.get(`/api/ivr/menus/${menu.id}`, { token: org.admin.token })).body).toEqual(menu);
    const submenu = await createMenu(org, mainMenu({ name: 'Support', options: [] }));
    const updated = await h.app.put(`/api/ivr/menus/${menu.id}`, {
      token: org.admin.token,
      json: { greeting: 'New greeting', max_retries: 2, options: [{ digit: '9', description: 'more', action: 'menu', target: submenu.id }] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.menu).toMatchObject({
      name: 'Main',
      greeting: 'New greeting',
      max_retries: 2,
      options: [{ digit: '9', action: 'menu', target: submenu.id }],
    });
    const deleted = await h.app.delete(`/api/ivr/menus/${menu.id}`, { token: org.admin.token });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true, message: 'IVR menu deleted' });
    const gone = await h.app.get(`/api/ivr/menus/${menu.id}`, { token: org.admin.token });
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toBe('IVR menu not found');
    expect((await h.app.delete(`/api/ivr/menus/${menu.id}`, { token: org.admin.token })).status).toBe(404);
  });
});

describe('GET/PUT /api/ivr/config', () => {
  it('starts with no main menu, binds one, and unbinds it when the menu is deleted', async () => {
    const org = await h.registerOrg();
    const initial = await h.app.get('/api/ivr/config', { token: org.admin.token });
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ organization_id: org.id, main_menu_id: null, main_menu: null, active: true });
    const menu = await createMenu(org);
    const bound = await h.app.put('/api/ivr/config', { token: org.admin.token, json: { main_menu_id: menu.id } });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ success: true, config: { main_menu_id: menu.id, main_menu: { id: menu.id } } });
    expect((await h.app.get('/api/ivr/config', { token: org.admin.token })).body.main_menu).toEqual(menu);
    await h.app.delete(`/api/ivr/menus/${menu.id}`, { token: org.admin.token });
    expect((await h.app.get('/api/ivr/config', { token: org.admin.token })).body).toMatchObject({ main_menu_id: null, main_menu: null });
  });

  it('answers 404 for a menu that is not there, and 403 to an AGENT', async () => {
    const org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    const missing = await h.app.put('/api/ivr/config', { token: org.admin.token, json: { main_menu_id: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('Main menu not found');
    expect((await h.app.put('/api/ivr/config', { token: agent.token, json: { main_menu_id: null } })).status).toBe(403);
  });
});

describe('/api/ivr/flows', () => {
  it('creates a flow at one of the organization’s menus and lists it', async () => {
    const org = await h.registerOrg();
    const menu = await createMenu(org);
    const created = await h.app.post('/api/ivr/flows', {
      token: org.admin.token,
      json: { name: 'After hours', start_menu_id: menu.id, steps: [{ type: 'voicemail' }, { type: 'hangup', conditions: { after: '18:00' } }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.flow).toMatchObject({
      organization_id: org.id,
      name: 'After hours',
      description: null,
      start_menu_id: menu.id,
      steps: [
        { type: 'voicemail', target: null, conditions: null, order: 0 },
        { type: 'hangup', conditions: { after: '18:00' }, order: 1 },
      ],
    });
    expect((await h.app.get('/api/ivr/flows', { token: org.admin.token })).body.flows).toEqual([created.body.flow]);
    const missing = await h.app.post('/api/ivr/flows', { token: org.admin.token, json: { name: 'x', start_menu_id: 'nope', steps: [] } });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('Start menu not found');
  });
});
