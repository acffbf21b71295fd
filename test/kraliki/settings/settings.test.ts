/**
 * /api/settings through the gateway: everyone reads, ADMINs write; numbers are
 * stored in E.164 and each belongs to one organization.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

/** A valid San Francisco number, different for each call in this file (each test file has tables of its own). */
let next = 1000;
const uniqueNumber = () => `+1 415 2${String(next++).padStart(2, '0').slice(-2)} ${String(1000 + (Date.now() % 9000)).slice(0, 4)}`;
const e164 = (formatted: string) => formatted.replace(/ /g, '');

const hours = { timezone: 'Europe/Prague', days: { monday: { open: '09:00', close: '17:00' }, saturday: null } };

describe('GET /api/settings', () => {
  it('answers the defaults to any user until an admin writes them', async () => {
    const org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    const reply = await h.app.get('/api/settings', { token: agent.token });
    expect(reply.body).toEqual({
      phone_numbers: [],
      business_hours: null,
      caller_ids: [],
      recording: false,
      dialer: { calls_per_second: 1, max_attempts: 3, retry_delay_seconds: 3600 },
      updated_at: null,
    });
  });
});

describe('PUT /api/settings', () => {
  it('stores numbers in E.164, business hours, caller ids and recording; fields left out keep their values', async () => {
    const org = await h.registerOrg();
    const number = uniqueNumber();
    const reply = await h.app.put('/api/settings', {
      token: org.admin.token,
      json: { phone_numbers: [number, e164(number)], business_hours: hours, caller_ids: [number] },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ phone_numbers: [e164(number)], caller_ids: [e164(number)], business_hours: hours, recording: false });
    const again = await h.app.put('/api/settings', { token: org.admin.token, json: { recording: true } });
    expect(again.body).toMatchObject({ phone_numbers: [e164(number)], business_hours: hours, recording: true });
    expect((await h.app.get('/api/settings', { token: org.admin.token })).body).toEqual(again.body);
  });

  it('refuses SUPERVISORs and AGENTs with 403', async () => {
    const org = await h.registerOrg();
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const reply = await h.app.put('/api/settings', { token: supervisor.token, json: { recording: true } });
    expect([reply.status, reply.body.detail]).toEqual([403, 'Admin access required']);
  });

  it('answers 422 for numbers that are not international, bad hours, an unknown time zone, or nothing to change', async () => {
    const org = await h.registerOrg();
    const cases: Array<[unknown, string]> = [
      [{ phone_numbers: ['415 555 2671'] }, 'body.phone_numbers.0'],
      [{ phone_numbers: ['+1 000'] }, 'body.phone_numbers.0'],
      [{ caller_ids: ['+999 1234'] }, 'body.caller_ids.0'],
      [{ business_hours: { timezone: 'Mars/Olympus', days: {} } }, 'body.business_hours.timezone'],
      [{ business_hours: { timezone: 'UTC', days: { monday: { open: '18:00', close: '09:00' } } } }, 'body.business_hours.days.monday.close'],
      [{ business_hours: { timezone: 'UTC', days: { funday: { open: '09:00', close: '10:00' } } } }, 'body.business_hours.days'],
      [{}, 'body'],
    ];
    for (const [json, loc] of cases) {
      const reply = await h.app.put('/api/settings', { token: org.admin.token, json });
      expect(reply.status, JSON.stringify(json)).toBe(422);
      expect(reply.body.detail.map((problem: { loc: Array<string | number> }) => problem.loc.join('.'))).toContain(loc);
    }
  });

  it('gives a number to one organization: another claiming it gets 409 and nothing changes, until the first releases it', async () => {
    const [first, second] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const shared = e164(uniqueNumber());
    const own = e164(uniqueNumber());
    expect((await h.app.put('/api/settings', { token: first.admin.token, json: { phone_numbers: [shared] } })).status).toBe(200);

    const claimed = await h.app.put('/api/settings', { token: second.admin.token, json: { phone_numbers: [own, shared], recording: true } });
    expect([claimed.status, claimed.body.code]).toEqual([409, 'phone_number_taken']);
    expect((await h.app.get('/api/settings', { token: second.admin.token })).body).toMatchObject({ phone_numbers: [], recording: false });
    expect(await h.table.get(`PHONE_NUMBER#${own}`, 'PHONE_NUMBER')).toBeUndefined();
    expect(await h.table.get(`PHONE_NUMBER#${shared}`, 'PHONE_NUMBER')).toMatchObject({ organization_id: first.id });

    expect((await h.app.put('/api/settings', { token: first.admin.token, json: { phone_numbers: [] } })).status).toBe(200);
    const taken = await h.app.put('/api/settings', { token: second.admin.token, json: { phone_numbers: [own, shared] } });
    expect(taken.body.phone_numbers).toEqual([own, shared]);
    expect(await h.table.get(`PHONE_NUMBER#${shared}`, 'PHONE_NUMBER')).toMatchObject({ organization_id: second.id });
  });

  it('gives a number claimed by several organizations at once to exactly one of them', async () => {
    const orgs = await Promise.all([1, 2, 3].map(() => h.registerOrg()));
    const number = e164(uniqueNumber());
    const replies = await Promise.all(orgs.map((org) => h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number] } })));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409, 409]);
    const winner = orgs[replies.findIndex((reply) => reply.status === 200)];
    expect(await h.table.get(`PHONE_NUMBER#${number}`, 'PHONE_NUMBER')).toMatchObject({ organization_id: winner.id });
  });
});
