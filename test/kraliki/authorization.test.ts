/**
 * The Kraliki authorization matrix: every route and queue consumer whose
 * declaration names object ids (`objectIds`) has a row here, keyed by its function id
 * (`<feature folder>-<handler file>`). Kraliki is multi-tenant, so each row
 * runs the entry as a user of the object's organization (allowed) and as an
 * ADMIN of another organization naming the same id (404 in the FastAPI format,
 * exactly as an unknown id, and nothing of the owning organization changed).
 * An entry with ids and no row fails the first test, by name.
 *
 * Rules inside one organization (roles) are tested with each feature.
 * One section per feature; a feature adds its rows to its own section with
 * `tenantRow`. Queue consumers have theirs in the queued-jobs section
 * (`jobRow`): a job naming another organization's object changes nothing.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../functions/kraliki/service.ts';
import { functionsOf, type ObjectId, type ServiceFunction } from '../../shared/manifest.ts';
import { eventually } from '../support/eventually.ts';
import { sharedRuntime } from '../support/runtime.ts';
import { kralikiHarness, type Org, type OrgUser, type Reply } from './app-client.ts';
import { addresses } from '../../infra/local/addresses.ts';
import { conferencePath, storedCall, twilioRequests, uniqueNumber } from './calls/call-fixtures.ts';
import { numbers } from './contacts/csv-upload.ts';

interface MatrixRow {
  /** Who may act on the entry's objects, in the product's terms. */
  rule: string;
  /** Runs the entry as a user of the object's organization: allowed. */
  owner(): Promise<void>;
  /** Runs it as another organization's ADMIN: 404, nothing of the owner's changed. */
  other(): Promise<void>;
}

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

/**
 * A row for an object of an organization: `setup` makes the object in `org` and answers its
 * id (and anything `act` needs); `act` runs the route as `actor` naming that id. The owner's
 * ADMIN gets a 2xx (or what `allowed` checks); another organization's ADMIN gets 404
 * `{detail}` and the owning organization's partition is unchanged, item for item.
 */
function tenantRow<T>(
  rule: string,
  setup: (org: Org) => Promise<T>,
  act: (actor: OrgUser, object: T) => Promise<Reply>,
  allowed: (reply: Reply) => void = (reply) => expect(reply.status, reply.text).toBeLessThan(300),
): MatrixRow {
  return {
    rule,
    async owner() {
      const org = await h.registerOrg();
      allowed(await act(org.admin, await setup(org)));
    },
    async other() {
      const [org, stranger] = await Promise.all([h.registerOrg(), h.registerOrg()]);
      const object = await setup(org);
      const before = await h.orgItems(org);
      const reply = await act(stranger.admin, object);
      expect(reply.status, reply.text).toBe(404);
      expect(typeof reply.body.detail).toBe('string');
      expect(await h.orgItems(org)).toEqual(before);
    },
  };
}

// ---- users ----

const anAgent = async (org: Org) => (await h.addUser(org, 'AGENT')).id;

const users: Record<string, MatrixRow> = {
  'users-get-user': tenantRow('a user is read only by an ADMIN of her organization', anAgent, (actor, id) =>
    h.app.get(`/api/users/${id}`, { token: actor.token }),
  ),
  'users-update-user': tenantRow('a user is changed only by an ADMIN of her organization', anAgent, (actor, id) =>
    h.app.put(`/api/users/${id}`, { token: actor.token, json: { first_name: 'Mallory', role: 'ADMIN' } }),
  ),
  'users-deactivate-user': tenantRow('a user is deactivated only by an ADMIN of her organization', anAgent, (actor, id) =>
    h.app.post(`/api/users/${id}/deactivate`, { token: actor.token }),
  ),
  'users-activate-user': tenantRow(
    'a user is activated only by an ADMIN of her organization',
    async (org) => {
      const id = await anAgent(org);
      expect((await h.app.post(`/api/users/${id}/deactivate`, { token: org.admin.token })).status).toBe(200);
      return id;
    },
    (actor, id) => h.app.post(`/api/users/${id}/activate`, { token: actor.token }),
  ),
};

// ---- agents ----

/** An agent profile of a new AGENT of the org; its id. */
async function anAgentProfile(org: Org): Promise<string> {
  const user = await h.addUser(org, 'AGENT');
  const reply = await h.app.post('/api/agents', { token: org.admin.token, json: { user_id: user.id } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

const agents: Record<string, MatrixRow> = {
  'agents-create-agent': tenantRow('only users of the caller’s organization become its agents', anAgent, (actor, userId) =>
    h.app.post('/api/agents', { token: actor.token, json: { user_id: userId } }),
  ),
  'agents-get-agent': tenantRow('an agent is read only within her organization', anAgentProfile, (actor, id) =>
    h.app.get(`/api/agents/${id}`, { token: actor.token }),
  ),
  'agents-update-agent': tenantRow('an agent is changed only by a supervisor or admin of her organization', anAgentProfile, (actor, id) =>
    h.app.put(`/api/agents/${id}`, { token: actor.token, json: { max_capacity: 5, status: 'AVAILABLE' } }),
  ),
  'agents-set-agent-status': tenantRow('an agent’s status is set only within her organization', anAgentProfile, (actor, id) =>
    h.app.patch(`/api/agents/${id}/status`, { token: actor.token, json: { status: 'AVAILABLE' } }),
  ),
};

// ---- teams ----

async function aTeam(org: Org): Promise<string> {
  const reply = await h.app.post('/api/teams', { token: org.admin.token, json: { name: 'Tier 1' } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

async function aTeamWithMember(org: Org): Promise<{ teamId: string; userId: string }> {
  const [teamId, userId] = await Promise.all([aTeam(org), anAgent(org)]);
  const reply = await h.app.post(`/api/teams/${teamId}/members`, { token: org.admin.token, json: { user_id: userId } });
  expect(reply.status, reply.text).toBe(201);
  return { teamId, userId };
}

/**
 * A row for a route naming a team and a user: the organization's ADMIN is allowed; another
 * organization's ADMIN is refused with 404 both naming the victim's team (with her own user)
 * and naming the victim's user (in her own team), and neither organization changes.
 */
function teamAndUserRow(rule: string, act: (actor: OrgUser, teamId: string, userId: string) => Promise<Reply>, withMember: boolean): MatrixRow {
  const setup = (org: Org) => (withMember ? aTeamWithMember(org) : Promise.all([aTeam(org), anAgent(org)]).then(([teamId, userId]) => ({ teamId, userId })));
  return {
    rule,
    async owner() {
      const org = await h.registerOrg();
      const { teamId, userId } = await setup(org);
      const reply = await act(org.admin, teamId, userId);
      expect(reply.status, reply.text).toBeLessThan(300);
    },
    async other() {
      const [org, stranger] = await Promise.all([h.registerOrg(), h.registerOrg()]);
      const [victim, own] = await Promise.all([setup(org), setup(stranger)]);
      const before = [await h.orgItems(org), await h.orgItems(stranger)];
      for (const [teamId, userId] of [
        [victim.teamId, own.userId],
        [own.teamId, victim.userId],
      ]) {
        const reply = await act(stranger.admin, teamId, userId);
        expect(reply.status, reply.text).toBe(404);
        expect(typeof reply.body.detail).toBe('string');
      }
      expect([await h.orgItems(org), await h.orgItems(stranger)]).toEqual(before);
    },
  };
}

const teams: Record<string, MatrixRow> = {
  'teams-create-team': tenantRow('a team’s supervisor is a user of the caller’s organization', anAgent, (actor, userId) =>
    h.app.post('/api/teams', { token: actor.token, json: { name: 'Night shift', supervisor_id: userId } }),
  ),
  'teams-get-team': tenantRow('a team is read only within its organization', aTeam, (actor, id) => h.app.get(`/api/teams/${id}`, { token: actor.token })),
  'teams-update-team': teamAndUserRow(
    'a team is changed only within its organization, its supervisor a user of it',
    (actor, teamId, userId) => h.app.put(`/api/teams/${teamId}`, { token: actor.token, json: { name: 'Renamed', supervisor_id: userId } }),
    false,
  ),
  'teams-delete-team': tenantRow('a team is deleted only within its organization', aTeamWithMember, (actor, { teamId }) =>
    h.app.delete(`/api/teams/${teamId}`, { token: actor.token }),
  ),
  'teams-list-members': tenantRow('a team’s members are listed only within its organization', aTeamWithMember, (actor, { teamId }) =>
    h.app.get(`/api/teams/${teamId}/members`, { token: actor.token }),
  ),
  'teams-add-member': teamAndUserRow(
    'only users of the team’s organization join it',
    (actor, teamId, userId) => h.app.post(`/api/teams/${teamId}/members`, { token: actor.token, json: { user_id: userId, role: 'LEAD' } }),
    false,
  ),
  'teams-remove-member': teamAndUserRow(
    'a member is removed only within the team’s organization',
    (actor, teamId, userId) => h.app.delete(`/api/teams/${teamId}/members/${userId}`, { token: actor.token }),
    true,
  ),
};

// ---- ivr ----

/** A menu of the org, made through the API by its ADMIN; its id. */
async function aMenu(org: Org): Promise<string> {
  const reply = await h.app.post('/api/ivr/menus', {
    token: org.admin.token,
    json: { name: 'Main', greeting: 'Press 1 for sales.', options: [{ digit: '1', description: 'sales', action: 'queue', target: 'sales' }] },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.menu.id;
}

const ivr: Record<string, MatrixRow> = {
  'ivr-get-menu': tenantRow('a menu is read only within its organization', aMenu, (actor, id) => h.app.get(`/api/ivr/menus/${id}`, { token: actor.token })),
  'ivr-update-menu': tenantRow('a menu is changed only by a supervisor or admin of its organization', aMenu, (actor, id) =>
    h.app.put(`/api/ivr/menus/${id}`, { token: actor.token, json: { greeting: 'Hijacked', options: [] } }),
  ),
  'ivr-delete-menu': tenantRow('a menu is deleted only within its organization', aMenu, (actor, id) =>
    h.app.delete(`/api/ivr/menus/${id}`, { token: actor.token }),
  ),
  'ivr-update-config': tenantRow('the numbers are bound only to a menu of the caller’s organization', aMenu, (actor, id) =>
    h.app.put('/api/ivr/config', { token: actor.token, json: { main_menu_id: id } }),
  ),
  'ivr-create-flow': tenantRow('a flow starts only at a menu of the caller’s organization', aMenu, (actor, id) =>
    h.app.post('/api/ivr/flows', { token: actor.token, json: { name: 'Flow', start_menu_id: id, steps: [{ type: 'menu', target: id }] } }),
  ),
};

// ---- campaigns and contacts ----

async function aCampaign(org: Org): Promise<string> {
  const reply = await h.app.post('/api/campaigns', { token: org.admin.token, json: { name: 'Renewals', type: 'OUTBOUND', instructions: { script: 'Hello' } } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

let nextNumber = 0;
/** A contact of a new campaign of the org (a number no other contact of this file has); its id. */
async function aContact(org: Org): Promise<string> {
  const phone = `+1415555${String(1000 + (nextNumber++ % 9000)).padStart(4, '0')}`;
  const reply = await h.app.post('/api/contacts', { token: org.admin.token, json: { campaign_id: await aCampaign(org), phone_number: phone } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

/** A multipart body with one CSV file in the field `file`. */
function csvUpload(csv: string): { rawBody: Buffer; contentType: string } {
  const boundary = 'matrix-boundary-7d93';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contacts.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
  return { rawBody: Buffer.from(body), contentType: `multipart/form-data; boundary=${boundary}` };
}

const campaignsAndContacts: Record<string, MatrixRow> = {
  'campaigns-get-campaign': tenantRow('a campaign is read only within its organization', aCampaign, (actor, id) =>
    h.app.get(`/api/campaigns/${id}`, { token: actor.token }),
  ),
  'campaigns-update-campaign': tenantRow('a campaign is changed only by a supervisor or admin of its organization', aCampaign, (actor, id) =>
    h.app.put(`/api/campaigns/${id}`, { token: actor.token, json: { name: 'Hijacked', instructions: { script: 'Other' } } }),
  ),
  'campaigns-delete-campaign': tenantRow('a campaign is deleted only within its organization', aCampaign, (actor, id) =>
    h.app.delete(`/api/campaigns/${id}`, { token: actor.token }),
  ),
  'campaigns-activate-campaign': tenantRow('a campaign is activated only within its organization', aCampaign, (actor, id) =>
    h.app.post(`/api/campaigns/${id}/activate`, { token: actor.token }),
  ),
  'campaigns-deactivate-campaign': tenantRow('a campaign is deactivated only within its organization', aCampaign, (actor, id) =>
    h.app.post(`/api/campaigns/${id}/deactivate`, { token: actor.token }),
  ),
  'contacts-list-contacts': tenantRow('a campaign’s contacts are listed only within its organization', aCampaign, (actor, id) =>
    h.app.get('/api/contacts', { token: actor.token, query: { campaign_id: id } }),
  ),
  'contacts-create-contact': tenantRow('contacts are added only to a campaign of the caller’s organization', aCampaign, (actor, id) =>
    h.app.post('/api/contacts', { token: actor.token, json: { campaign_id: id, phone_number: '+14155550199' } }),
  ),
  'contacts-get-contact': tenantRow('a contact is read only within its organization', aContact, (actor, id) =>
    h.app.get(`/api/contacts/${id}`, { token: actor.token }),
  ),
  'contacts-update-contact': tenantRow('a contact is changed only within its organization', aContact, (actor, id) =>
    h.app.put(`/api/contacts/${id}`, { token: actor.token, json: { status: 'DO_NOT_CALL', phone_number: '+14155550198' } }),
  ),
  'contacts-delete-contact': tenantRow('a contact is deleted only within its organization', aContact, (actor, id) =>
    h.app.delete(`/api/contacts/${id}`, { token: actor.token }),
  ),
  'contacts-bulk-import': tenantRow('contacts are imported only into a campaign of the caller’s organization', aCampaign, (actor, id) =>
    h.app.post('/api/contacts/bulk-import', { token: actor.token, query: { campaign_id: id }, ...csvUpload('phone_number,name\n+14155550197,Ann\n') }),
  ),
  'contacts-open-upload': tenantRow('uploads are opened only into a campaign of the caller’s organization', aCampaign, (actor, id) =>
    h.app.post('/api/contacts/bulk-import/uploads', { token: actor.token, query: { campaign_id: id } }),
  ),
  'contacts-start-upload': tenantRow(
    'an uploaded import is started only within its organization',
    async (org) => {
      const opened = await h.app.post('/api/contacts/bulk-import/uploads', { token: org.admin.token, query: { campaign_id: await aCampaign(org) } });
      expect(opened.status, opened.text).toBe(201);
      const put = await fetch(opened.body.upload_url, { method: 'PUT', body: 'phone_number\n+14155550196\n' });
      expect(put.status).toBe(200);
      return opened.body.job_id as string;
    },
    (actor, id) => h.app.post(`/api/contacts/bulk-import/${id}/start`, { token: actor.token }),
  ),
  'contacts-get-import': tenantRow(
    'an import’s progress is read only within its organization',
    async (org) => {
      // A queued import of the org, made directly: the matrix is about who reads it, not the queue.
      const jobId = `job-${org.id}`;
      await h.table.put({
        pk: `ORG#${org.id}`,
        sk: `CONTACT_IMPORT#${jobId}`,
        id: jobId,
        campaign_id: await aCampaign(org),
        status: 'COMPLETED',
        total: 1,
        processed: 1,
        imported: 1,
        failed: 0,
        errors: [],
        object_key: 'none',
        created_by: org.admin.id,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
        expiresAt: 4_000_000_000,
      });
      return jobId;
    },
    (actor, id) => h.app.get(`/api/contacts/bulk-import/${id}`, { token: actor.token }),
  ),
};

// ---- calls, telephony and supervision ----

/** A call of the org as the webhooks store it (IN_PROGRESS with an agent's leg, unless told otherwise); its id. */
const aCall = (status?: string) => async (org: Org) => (await storedCall(h, org, { status })).id;

/** An agent (user id) of the org with her agent profile. */
const anAgentUser = async (org: Org) => (await h.addAgent(org)).user.id;

const calls: Record<string, MatrixRow> = {
  'calls-get-call': tenantRow('a call is read only within its organization', aCall(), (actor, id) => h.app.get(`/api/calls/${id}`, { token: actor.token })),
  'calls-update-call': {
    rule: 'a call is changed only within its organization, and only an agent of it is assigned',
    async owner() {
      const org = await h.registerOrg();
      const [id, agent] = await Promise.all([aCall('RINGING')(org), anAgentUser(org)]);
      const reply = await h.app.put(`/api/calls/${id}`, { token: org.admin.token, json: { agent_id: agent, notes: 'ok' } });
      expect(reply.status, reply.text).toBe(200);
    },
    async other() {
      const [org, stranger] = await Promise.all([h.registerOrg(), h.registerOrg()]);
      const [victimCall, victimAgent, ownCall, ownAgent] = await Promise.all([
        aCall('RINGING')(org),
        anAgentUser(org),
        aCall('RINGING')(stranger),
        anAgentUser(stranger),
      ]);
      const before = [await h.orgItems(org), await h.orgItems(stranger)];
      for (const [callId, agentId] of [
        [victimCall, ownAgent],
        [ownCall, victimAgent],
      ]) {
        const reply = await h.app.put(`/api/calls/${callId}`, { token: stranger.admin.token, json: { agent_id: agentId, notes: 'Mallory' } });
        expect(reply.status, reply.text).toBe(404);
        expect(typeof reply.body.detail).toBe('string');
      }
      expect([await h.orgItems(org), await h.orgItems(stranger)]).toEqual(before);
    },
  },
  'calls-delete-call': tenantRow('a call is deleted only within its organization', aCall('COMPLETED'), (actor, id) =>
    h.app.delete(`/api/calls/${id}`, { token: actor.token }),
  ),
  'calls-end-call': tenantRow('a call is ended only within its organization', aCall(), (actor, id) =>
    h.app.post(`/api/calls/${id}/end`, { token: actor.token }),
  ),
  'supervisor-call-summary': tenantRow('a call’s summary is read only within its organization', aCall(), (actor, id) =>
    h.app.get(`/api/supervisor/calls/${id}/summary`, { token: actor.token }),
  ),
  'ai-get-suggestions': tenantRow('a call’s agent-assist suggestions are read only within its organization', aCall(), (actor, id) =>
    h.app.post('/api/agent-assist/suggestions', { token: actor.token, json: { call_id: id } }),
  ),
  'supervisor-monitor': tenantRow('only a supervisor of the call’s organization monitors it', aCall(), (actor, id) =>
    h.app.post(`/api/supervisor/calls/${id}/monitor`, { token: actor.token }),
  ),
  'supervisor-whisper': tenantRow('only a supervisor of the call’s organization whispers in it', aCall(), (actor, id) =>
    h.app.post(`/api/supervisor/calls/${id}/whisper`, { token: actor.token }),
  ),
  'supervisor-barge-in': tenantRow('only a supervisor of the call’s organization barges in', aCall(), (actor, id) =>
    h.app.post(`/api/supervisor/calls/${id}/barge-in`, { token: actor.token }),
  ),
  'supervisor-end': tenantRow('only a supervisor of the call’s organization ends it', aCall(), (actor, id) =>
    h.app.post(`/api/supervisor/calls/${id}/end`, { token: actor.token }),
  ),
  'telephony-hold': tenantRow('a call is held only within its organization', aCall(), (actor, id) =>
    h.app.post(`/api/telephony/hold/${id}`, { token: actor.token }),
  ),
  'telephony-unhold': tenantRow('a call is resumed only within its organization', aCall('ON_HOLD'), (actor, id) =>
    h.app.post(`/api/telephony/unhold/${id}`, { token: actor.token }),
  ),
  'telephony-mute': tenantRow('a call’s agent is muted only within its organization', aCall(), (actor, id) =>
    h.app.post(`/api/telephony/mute/${id}`, { token: actor.token }),
  ),
  'telephony-unmute': tenantRow('a call’s agent is unmuted only within its organization', aCall(), (actor, id) =>
    h.app.post(`/api/telephony/unmute/${id}`, { token: actor.token }),
  ),
  'telephony-transfer': tenantRow('a call is transferred only within its organization', aCall(), (actor, id) =>
    h.app.post('/api/telephony/transfer', { token: actor.token, json: { call_id: id, to: '+14155552681' } }),
  ),
};

// ---- analytics, reports, notifications ----

/**
 * A completed report of the org, asked for by its ADMIN, and her notification that it is ready:
 * both waited for, so nothing of the org changes in the background while a row compares it.
 */
async function aReadyReport(org: Org): Promise<{ reportId: string; notificationId: string }> {
  const asked = await h.app.post('/api/reports/generate', { token: org.admin.token, json: { report_type: 'daily_summary' } });
  expect(asked.status, asked.text).toBe(202);
  return eventually(
    async () => {
      const report = await h.app.get(`/api/reports/${asked.body.id}`, { token: org.admin.token });
      const notifications = await h.app.get('/api/notifications', { token: org.admin.token });
      expect(report.body.status).toBe('completed');
      expect(notifications.body.items).toHaveLength(1);
      return { reportId: asked.body.id, notificationId: notifications.body.items[0].id };
    },
    { what: 'the report completed and notified', timeoutMs: 60_000 },
  );
}

const reportsAndNotifications: Record<string, MatrixRow> = {
  'reports-generate-report': tenantRow('a report covers only a campaign of the caller’s organization', aCampaign, (actor, campaignId) =>
    h.app.post('/api/reports/generate', { token: actor.token, json: { report_type: 'campaign_effectiveness', campaign_id: campaignId } }),
  ),
  'reports-get-report': tenantRow('a report is read only within its organization', aReadyReport, (actor, { reportId }) =>
    h.app.get(`/api/reports/${reportId}`, { token: actor.token }),
  ),
  'reports-delete-report': tenantRow('a report is deleted only within its organization', aReadyReport, (actor, { reportId }) =>
    h.app.delete(`/api/reports/${reportId}`, { token: actor.token }),
  ),
  'notifications-mark-read': tenantRow('a notification is marked read only by the user it is for', aReadyReport, (actor, { notificationId }) =>
    h.app.post(`/api/notifications/${notificationId}/read`, { token: actor.token }),
  ),
};

// ---- queued jobs (the consumers of call-work, campaign-dial, call-ai, contact-import and report-export) ----

const queueOf = (name: string) => addresses.queueName('kraliki', name);
const enqueue = (queue: string, jobs: Record<string, unknown>[]) => {
  for (const job of jobs) runtime.queues.send(queueOf(queue), JSON.stringify(job));
};

/**
 * A row for a queue consumer. A job is built by a request or webhook for its own organization
 * (`owner: 'origin'`), so the consumer reads what it names from that organization's partition only:
 * `owner` enqueues jobs naming the org's own object and sees them act; `other` enqueues the same jobs
 * naming another organization with that object's id, and once the queue has taken them neither
 * organization's partition changed, item for item (and `untouched` checks what left the system).
 */
function jobRow<T>(
  rule: string,
  queue: string,
  setup: (org: Org) => Promise<T>,
  jobs: (orgId: string, object: T) => Record<string, unknown>[],
  acted: (org: Org, object: T) => Promise<void>,
  untouched: (object: T) => void = () => undefined,
): MatrixRow {
  return {
    rule,
    async owner() {
      const org = await h.registerOrg();
      const object = await setup(org);
      enqueue(queue, jobs(org.id, object));
      await acted(org, object);
    },
    async other() {
      const [org, stranger] = await Promise.all([h.registerOrg(), h.registerOrg()]);
      const object = await setup(org);
      const before = await Promise.all([h.orgItems(org), h.orgItems(stranger)]);
      enqueue(queue, jobs(stranger.id, object));
      await runtime.queues.drained(queueOf(queue), 60_000);
      expect(await Promise.all([h.orgItems(org), h.orgItems(stranger)])).toEqual(before);
      untouched(object);
    },
  };
}

/** An IN_PROGRESS call of the org with an agent assigned and not yet dialled in. */
async function aCallAwaitingItsAgent(org: Org) {
  const { user } = await h.addAgent(org);
  return { ...(await storedCall(h, org, { agentId: user.id, agentLeg: false })), agentId: user.id };
}

/** An active OUTBOUND campaign of the org (its first sweep taken) and a PENDING contact added after it. */
async function aContactToDial(org: Org) {
  const number = uniqueNumber();
  expect((await h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number] } })).status).toBe(200);
  const campaignId = await aCampaign(org);
  expect((await h.app.post(`/api/campaigns/${campaignId}/activate`, { token: org.admin.token })).status).toBe(200);
  await runtime.queues.drained(queueOf('campaign-dial'), 60_000);
  const phone = `+1628555${String(1000 + (nextNumber++ % 9000)).padStart(4, '0')}`;
  const contact = await h.app.post('/api/contacts', { token: org.admin.token, json: { campaign_id: campaignId, phone_number: phone } });
  expect(contact.status, contact.text).toBe(201);
  const call = await storedCall(h, org, { status: 'NO_ANSWER', fields: { campaign_id: campaignId, contact_id: contact.body.id } });
  return { orgId: org.id, campaignId, contactId: contact.body.id as string, phone, callId: call.id };
}
const dialsTo = (phone: string) => twilioRequests(runtime, '/Calls.json').filter((r) => r.payload.params.To === phone);

/** A finished call of the org with one transcript stored, not analysed yet. */
async function aCallToAnalyse(org: Org) {
  const call = await storedCall(h, org, { status: 'COMPLETED' });
  const sid = `TR${call.sid.slice(2)}`;
  await h.table.put({
    pk: `ORG#${org.id}`,
    sk: `CALL_TRANSCRIPT#${call.id}#${sid}`,
    id: sid,
    call_id: call.id,
    role: 'USER',
    content: 'I would like a refund for my order',
    timestamp: new Date().toISOString(),
    twilio_sid: sid,
    recording_sid: null,
  });
  return call;
}

/** An import of the org whose file is uploaded and which is PROCESSING, its slices not taken by any job yet. */
async function anImportInProgress(org: Org): Promise<string> {
  const opened = await h.app.post('/api/contacts/bulk-import/uploads', { token: org.admin.token, query: { campaign_id: await aCampaign(org) } });
  expect(opened.status, opened.text).toBe(201);
  const [first, second] = numbers(2, 5_550_200 + (nextNumber++ % 500) * 2);
  expect((await fetch(opened.body.upload_url, { method: 'PUT', body: `phone_number,name\n${first},Ana\n${second},Bia\n` })).status).toBe(200);
  const stored = await h.table.get(`ORG#${org.id}`, `CONTACT_IMPORT#${opened.body.job_id}`);
  await h.table.put({ ...stored, status: 'PROCESSING', total: 2 });
  return opened.body.job_id;
}

/** A report of the org asked for and pending, its export not taken by any job yet. */
async function aPendingReport(org: Org): Promise<string> {
  const now = new Date();
  const id = `${String(now.getTime()).padStart(13, '0')}-${crypto.randomUUID()}`;
  await h.table.put({
    pk: `ORG#${org.id}`,
    sk: `REPORT#${id}`,
    id,
    organization_id: org.id,
    name: 'daily_summary',
    report_type: 'daily_summary',
    format: 'csv',
    status: 'pending',
    date_range_start: new Date(now.getTime() - 86_400_000).toISOString(),
    date_range_end: now.toISOString(),
    campaign_id: null,
    requested_by: org.admin.id,
    requested_at: now.toISOString(),
    completed_at: null,
    file_key: null,
    file_size_bytes: null,
    summary: {},
    error_message: null,
  });
  return id;
}

const queuedJobs: Record<string, MatrixRow> = {
  'calls-process-call-job': jobRow(
    'call work acts only on a call of the organization its status change came from',
    'call-work',
    aCallAwaitingItsAgent,
    (orgId, call) => ['dial-agent', 'call-active', 'call-finished', 'call-ended'].map((kind) => ({ kind, organization_id: orgId, call_id: call.id })),
    async (_org, call) => {
      await eventually(() => twilioRequests(runtime, `${conferencePath(call.id)}.json`).length === 1, { what: 'the agent dialled in', timeoutMs: 60_000 });
    },
    (call) => expect(twilioRequests(runtime, `${conferencePath(call.id)}.json`)).toEqual([]),
  ),
  'campaigns-process-dial-job': jobRow(
    'sweeps, dials and outcomes act only on campaigns, contacts and calls of the organization that queued them',
    'campaign-dial',
    aContactToDial,
    (orgId, o) => [
      { kind: 'sweep', organization_id: orgId, campaign_id: o.campaignId },
      { kind: 'dial', organization_id: orgId, campaign_id: o.campaignId, contact_id: o.contactId, attempt: 1 },
      // The outcome of the contact's earlier unanswered call: named by another organization only, as settling it
      // for its own would race the dial above.
      ...(orgId === o.orgId ? [] : [{ kind: 'outcome', organization_id: orgId, contact_id: o.contactId, call_id: o.callId }]),
    ],
    async (_org, o) => {
      await eventually(() => dialsTo(o.phone).length >= 1, { what: 'the contact dialled', timeoutMs: 60_000 });
      await runtime.queues.drained(queueOf('campaign-dial'), 60_000);
      expect(dialsTo(o.phone)).toHaveLength(1);
    },
    (o) => expect(dialsTo(o.phone)).toEqual([]),
  ),
  'ai-process-ai-job': jobRow(
    'a call’s transcripts are analysed only for the organization the call belongs to',
    'call-ai',
    aCallToAnalyse,
    (orgId, call) => [{ organization_id: orgId, call_id: call.id }],
    async (org, call) => {
      await eventually(async () => (await h.app.get(`/api/supervisor/calls/${call.id}/summary`, { token: org.admin.token })).body.summary, {
        what: 'the analysis stored',
        timeoutMs: 60_000,
      });
    },
  ),
  'contacts-import-consumer': jobRow(
    'an import’s slices are taken only for the organization that uploaded it',
    'contact-import',
    anImportInProgress,
    (orgId, jobId) => [{ organization_id: orgId, job_id: jobId }],
    async (org, jobId) => {
      await eventually(async () => (await h.app.get(`/api/contacts/bulk-import/${jobId}`, { token: org.admin.token })).body.progress === 100, {
        what: 'the import done',
        timeoutMs: 60_000,
      });
    },
  ),
  'reports-export-report': jobRow(
    'a report is exported only for the organization that asked for it',
    'report-export',
    aPendingReport,
    (orgId, reportId) => [{ organization_id: orgId, report_id: reportId }],
    async (org, reportId) => {
      await eventually(async () => (await h.app.get(`/api/reports/${reportId}`, { token: org.admin.token })).body.status === 'completed', {
        what: 'the report completed',
        timeoutMs: 60_000,
      });
    },
  ),
};

const matrix: Record<string, MatrixRow> = {
  ...users,
  ...agents,
  ...teams,
  ...ivr,
  ...campaignsAndContacts,
  ...calls,
  ...reportsAndNotifications,
  ...queuedJobs,
};

function objectIdsOf(fn: ServiceFunction): ObjectId[] {
  const trigger = fn.trigger;
  if (trigger.kind === 'http') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'websocket') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'queue') return trigger.queue.objectIds ?? [];
  return [];
}

const entriesWithIds = functionsOf(kraliki).filter((fn) => objectIdsOf(fn).length > 0);

describe('the authorization matrix', () => {
  it('has a row for every entry that acts on object ids, and none for others', () => {
    const ids = entriesWithIds.map((fn) => fn.id);
    expect(
      ids.filter((id) => !(id in matrix)),
      'entries with object ids but no matrix row',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((id) => !ids.includes(id)),
      'rows for entries that declare no object ids',
    ).toEqual([]);
  });
});

for (const fn of entriesWithIds.filter((entry) => entry.id in matrix)) {
  const row = matrix[fn.id];
  const ids = objectIdsOf(fn)
    .map((id) => `${id.object} from ${id.from} ${id.field}`)
    .join(', ');
  describe(`${fn.id} (${ids})`, () => {
    it(`allows its organization: ${row.rule}`, () => row.owner());
    it(fn.trigger.kind === 'queue' ? 'changes nothing for a job naming another organization' : 'answers another organization 404, changing nothing', () =>
      row.other(),
    );
  });
}
