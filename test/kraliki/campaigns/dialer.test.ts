/**
 * The outbound campaign dialer through the runtime and the Twilio stand-in:
 * activating an OUTBOUND campaign dials its PENDING contacts through the
 * campaign-dial queue, paced (measured from the stand-in's outbox timestamps;
 * all organizations together at the Twilio account's rate, each at its own too),
 * never a DO_NOT_CALL or opted-out contact; each dial is a call record made by
 * the calls feature's create path; no-answer and busy are retried after the
 * retry delay up to the attempts allowed; a redelivered job never dials again;
 * deactivating stops dialing; an attempt left DIALING is picked up again;
 * outside business hours a contact waits for the next opening, which the
 * minute tick then dials.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { addresses } from '../../../infra/local/addresses.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { type Org, kralikiHarness } from '../app-client.ts';
import { orgWithNumber, storedCall } from '../calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
const DIAL_QUEUE = addresses.queueName('kraliki', 'campaign-dial');

beforeAll(() => {
  // Each test moves its calls along itself.
  runtime.fakes.twilio.playCallsForward = false;
});

let nextContact = 0;
/** A valid US number no other contact of this file uses. */
const contactNumber = () => `+1628${String(2_000_000 + (((Date.now() % 1_000_000) * 3 + nextContact++ * 7) % 7_000_000)).padStart(7, '0')}`;

async function outboundCampaign(org: Org): Promise<string> {
  const reply = await h.app.post('/api/campaigns', { token: org.admin.token, json: { name: 'Renewals', type: 'OUTBOUND', instructions: { script: 'Hello' } } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

async function addContact(org: Org, campaignId: string, fields: Record<string, unknown> = {}): Promise<{ id: string; phone_number: string }> {
  const reply = await h.app.post('/api/contacts', {
    token: org.admin.token,
    json: { campaign_id: campaignId, phone_number: contactNumber(), name: 'Ana', ...fields },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
}

async function setDialer(org: Org, settings: Record<string, unknown>) {
  const reply = await h.app.put('/api/settings', { token: org.admin.token, json: settings });
  expect(reply.status, reply.text).toBe(200);
}

const activate = async (org: Org, campaignId: string) => {
  const reply = await h.app.post(`/api/campaigns/${campaignId}/activate`, { token: org.admin.token });
  expect(reply.status, reply.text).toBe(200);
};

/** The calls the Twilio stand-in was asked to place from `number`, oldest first, with when it was asked. */
const dialsFrom = (number: string) =>
  runtime.outbox
    .list({ channel: 'twilio' })
    .filter((entry) => entry.to === '/Calls.json' && (entry.payload as any).params.From === number)
    .map((entry) => ({ to: (entry.payload as any).params.To as string, at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at);

/**
 * Dials as Twilio saw them, at `rate` calls per second: their slots are exactly 1000 / rate ms apart, and
 * each request leaves at or after its slot, so what Twilio sees differs from the slots only by how long
 * each dial took after its slot (more for a function's first, cold run on a loaded machine): never
 * faster than the rate over the run, and no two requests closer than three quarters of the interval.
 */
function expectPaced(dials: { at: number }[], rate: number) {
  const interval = 1000 / rate;
  const gaps = dials.slice(1).map((d, i) => d.at - dials[i].at);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(0.75 * interval);
  expect(dials.at(-1)!.at - dials[0].at).toBeGreaterThanOrEqual((dials.length - 1) * interval - 0.25 * interval);
}

const contactOf = async (org: Org, contactId: string) => (await h.app.get(`/api/contacts/${contactId}`, { token: org.admin.token })).body;
const stored = (org: Org, sk: string) => h.table.get(`ORG#${org.id}`, sk);

/** The Twilio sid of the contact's latest call, as the calls API lists it. */
async function callOfContact(org: Org, contactId: string, attempt: number): Promise<{ id: string; sid: string }> {
  return eventually(
    async () => {
      const calls = (await h.app.get('/api/calls', { token: org.admin.token, query: { page_size: 100 } })).body.items.filter(
        (c: any) => c.contact_id === contactId,
      );
      if (calls.length < attempt) return undefined;
      const latest = calls.sort((a: any, b: any) => a.created_at.localeCompare(b.created_at))[attempt - 1];
      return latest.twilio_call_sid ? { id: latest.id, sid: latest.twilio_call_sid } : undefined;
    },
    { what: `call ${attempt} of the contact` },
  );
}

describe('dialing an activated OUTBOUND campaign', () => {
  it('dials each PENDING contact once, 1 call per second by default, never a DO_NOT_CALL or opted-out one', { timeout: 90_000 }, async () => {
    const { org, number } = await orgWithNumber(h);
    const campaignId = await outboundCampaign(org);
    const pending = [];
    for (let i = 0; i < 4; i++) pending.push(await addContact(org, campaignId));
    const doNotCall = await addContact(org, campaignId);
    expect((await h.app.put(`/api/contacts/${doNotCall.id}`, { token: org.admin.token, json: { status: 'DO_NOT_CALL' } })).status).toBe(200);
    const optedOut = await addContact(org, campaignId, { extra_metadata: { opted_out: true } });

    await activate(org, campaignId);
    const dials = await eventually(() => dialsFrom(number).length >= 4 && dialsFrom(number), { timeoutMs: 40_000, what: 'four dials' });
    await runtime.queues.drained(DIAL_QUEUE, 20_000);

    expect(
      dialsFrom(number)
        .map((d) => d.to)
        .sort(),
    ).toEqual(pending.map((c) => c.phone_number).sort());
    expect(dials.map((d) => d.to)).not.toContain(doNotCall.phone_number);
    expect(dials.map((d) => d.to)).not.toContain(optedOut.phone_number);
    expectPaced(dials, 1);

    for (const contact of pending) {
      const seen = await contactOf(org, contact.id);
      expect(seen).toMatchObject({ status: 'DIALING', attempts: 1, next_attempt: null });
      expect(seen.last_attempt).toEqual(expect.any(String));
      // The call record is the calls feature's: an OUTBOUND call from the org's number, tied to the campaign and contact.
      const call = await callOfContact(org, contact.id, 1);
      const detail = (await h.app.get(`/api/calls/${call.id}`, { token: org.admin.token })).body;
      expect(detail).toMatchObject({
        direction: 'OUTBOUND',
        from_number: number,
        to_number: contact.phone_number,
        campaign_id: campaignId,
        contact_id: contact.id,
      });
    }
    expect(await contactOf(org, doNotCall.id)).toMatchObject({ status: 'DO_NOT_CALL', attempts: 0 });
    expect(await contactOf(org, optedOut.id)).toMatchObject({ status: 'PENDING', attempts: 0 });

    // A redelivered dial job, and a sweep run again, dial nobody a second time.
    runtime.queues.send(DIAL_QUEUE, JSON.stringify({ kind: 'dial', organization_id: org.id, campaign_id: campaignId, contact_id: pending[0].id, attempt: 1 }));
    runtime.queues.send(DIAL_QUEUE, JSON.stringify({ kind: 'sweep', organization_id: org.id, campaign_id: campaignId }));
    await eventually(() => runtime.queues.stats(DIAL_QUEUE).batchesInFlight === 0 && runtime.queues.stats(DIAL_QUEUE).visible === 0, { what: 'jobs taken' });
    await runtime.queues.drained(DIAL_QUEUE, 20_000);
    expect(dialsFrom(number)).toHaveLength(4);
  });

  it('paces at the calls per second the settings give', { timeout: 90_000 }, async () => {
    const { org, number } = await orgWithNumber(h);
    await setDialer(org, { dialer: { calls_per_second: 0.5 } });
    const campaignId = await outboundCampaign(org);
    for (let i = 0; i < 3; i++) await addContact(org, campaignId);
    await activate(org, campaignId);
    const dials = await eventually(() => dialsFrom(number).length >= 3 && dialsFrom(number), { timeoutMs: 40_000, what: 'three dials' });
    expectPaced(dials, 0.5);
  });

  it('paces all organizations together at the Twilio account’s rate (1 call per second), each organization’s own rate a further cap', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = [await orgWithNumber(h), await orgWithNumber(h)];
    // Each organization alone would dial twice a second: the account they share allows once.
    for (const { org } of [a, b]) await setDialer(org, { dialer: { calls_per_second: 2 } });
    const campaigns = [await outboundCampaign(a.org), await outboundCampaign(b.org)];
    for (let i = 0; i < 3; i++) {
      await addContact(a.org, campaigns[0]);
      await addContact(b.org, campaigns[1]);
    }
    await Promise.all([activate(a.org, campaigns[0]), activate(b.org, campaigns[1])]);
    const both = await eventually(
      () => {
        const dials = [...dialsFrom(a.number), ...dialsFrom(b.number)].sort((x, y) => x.at - y.at);
        return dials.length >= 6 && dials;
      },
      { timeoutMs: 60_000, what: 'six dials of the two organizations' },
    );
    expect(dialsFrom(a.number)).toHaveLength(3);
    expect(dialsFrom(b.number)).toHaveLength(3);
    expectPaced(both, 1);
  });

  it('ends a contact whose call completed; retries one that did not answer or was busy until the attempts allowed, then marks it FAILED', {
    timeout: 90_000,
  }, async () => {
    const { org, number } = await orgWithNumber(h);
    await setDialer(org, { dialer: { max_attempts: 2, retry_delay_seconds: 1 } });
    const campaignId = await outboundCampaign(org);
    const answers = await addContact(org, campaignId);
    const unreachable = await addContact(org, campaignId);
    await activate(org, campaignId);
    const fake = runtime.fakes.twilio;

    const answered = await callOfContact(org, answers.id, 1);
    for (const status of ['ringing', 'in-progress', 'completed']) expect(await fake.postStatus(answered.sid, status)).toBe(200);
    await eventually(async () => (await contactOf(org, answers.id)).status === 'COMPLETED', { what: 'contact COMPLETED' });
    expect(await contactOf(org, answers.id)).toMatchObject({ status: 'COMPLETED', attempts: 1, outcome: 'COMPLETED', next_attempt: null });

    const first = await callOfContact(org, unreachable.id, 1);
    expect(await fake.postStatus(first.sid, 'no-answer')).toBe(200);
    const retried = await callOfContact(org, unreachable.id, 2);
    expect(retried.id).not.toBe(first.id);
    const attempts = dialsFrom(number).filter((d) => d.to === unreachable.phone_number);
    expect(attempts).toHaveLength(2);
    // Not before the retry delay.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
    expect(await contactOf(org, unreachable.id)).toMatchObject({ status: 'DIALING', attempts: 2, outcome: 'NO_ANSWER' });

    expect(await fake.postStatus(retried.sid, 'busy')).toBe(200);
    await eventually(async () => (await contactOf(org, unreachable.id)).status === 'FAILED', { what: 'contact FAILED' });
    expect(await contactOf(org, unreachable.id)).toMatchObject({ status: 'FAILED', attempts: 2, outcome: 'BUSY', next_attempt: null });
    // A replayed final callback settles nothing twice, and nothing dials a third time.
    expect(await fake.postStatus(retried.sid, 'busy')).toBe(200);
    await runtime.queues.drained(addresses.queueName('kraliki', 'call-work'), 20_000);
    await runtime.queues.drained(DIAL_QUEUE, 20_000);
    expect(dialsFrom(number).filter((d) => d.to === unreachable.phone_number)).toHaveLength(2);
    expect(dialsFrom(number).filter((d) => d.to === answers.phone_number)).toHaveLength(1);
  });

  it('stops dialing when the campaign is deactivated', { timeout: 90_000 }, async () => {
    const { org, number } = await orgWithNumber(h);
    await setDialer(org, { dialer: { calls_per_second: 0.5 } });
    // The deactivation route's first (cold) run, on another campaign, so the one measured answers promptly.
    expect((await h.app.post(`/api/campaigns/${await outboundCampaign(org)}/deactivate`, { token: org.admin.token })).status).toBe(200);
    const campaignId = await outboundCampaign(org);
    const contacts = [];
    for (let i = 0; i < 8; i++) contacts.push(await addContact(org, campaignId));
    await activate(org, campaignId);
    await eventually(() => dialsFrom(number).length >= 1, { timeoutMs: 30_000, what: 'a first dial' });
    const reply = await h.app.post(`/api/campaigns/${campaignId}/deactivate`, { token: org.admin.token });
    expect(reply.status, reply.text).toBe(200);
    const stoppedAt = Date.now();
    await runtime.queues.drained(DIAL_QUEUE, 30_000);

    const dials = dialsFrom(number);
    expect(dials.length).toBeLessThan(8);
    // A dial already past its checks may still go out; none is placed after that.
    expect(dials.filter((d) => d.at > stoppedAt + 1000)).toEqual([]);
    const called = new Set(dials.map((d) => d.to));
    for (const contact of contacts.filter((c) => !called.has(c.phone_number))) {
      expect(await contactOf(org, contact.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
      expect((await stored(org, `CONTACT#${contact.id}`))?.dial_claimed_at).toBeUndefined();
    }
    // Off the dialer's index: the minute tick no longer sweeps it.
    expect((await stored(org, `CAMPAIGN#${campaignId}`))?.gsi1pk).toBeUndefined();
  });
});

describe('attempts left DIALING', () => {
  it('are picked up by a sweep: a call never placed is placed once, with the attempt’s key; a finished call settles its contact', {
    timeout: 90_000,
  }, async () => {
    const { org, number } = await orgWithNumber(h);
    const campaignId = await outboundCampaign(org);
    const [unplaced, unsettled] = [await addContact(org, campaignId), await addContact(org, campaignId)];
    const longAgo = new Date(Date.now() - 20 * 60_000).toISOString();
    const ended = await storedCall(h, org, { number, status: 'NO_ANSWER', fields: { campaign_id: campaignId, contact_id: unsettled.id } });
    // As a dead-lettered dial job and a lost outcome leave them.
    for (const [contact, fields] of [
      [unplaced, {}],
      [unsettled, { dial_call_id: ended.id }],
    ] as const) {
      const item = await stored(org, `CONTACT#${contact.id}`);
      await h.table.put({ ...item, status: 'DIALING', attempts: 1, last_attempt: longAgo, updated_at: longAgo, ...fields });
    }

    await activate(org, campaignId);
    await eventually(() => dialsFrom(number).length === 1, { timeoutMs: 30_000, what: 'the unplaced attempt placed' });
    expect(dialsFrom(number)[0].to).toBe(unplaced.phone_number);
    await eventually(async () => (await contactOf(org, unsettled.id)).status === 'PENDING', { what: 'the lost outcome settled' });
    expect(await contactOf(org, unsettled.id)).toMatchObject({ status: 'PENDING', attempts: 1, outcome: 'NO_ANSWER' });

    // The next tick finds the placed attempt in progress: nothing is dialed again.
    await runtime.queues.drained(DIAL_QUEUE, 20_000);
    expect((await fetch(`${runtime.url}/_local/schedules/kraliki/dialer-tick`, { method: 'POST' })).status).toBeLessThan(300);
    await eventually(() => runtime.queues.stats(DIAL_QUEUE).visible === 0 && runtime.queues.stats(DIAL_QUEUE).batchesInFlight === 0);
    await runtime.queues.drained(DIAL_QUEUE, 20_000);
    expect(dialsFrom(number).filter((d) => d.to === unplaced.phone_number)).toHaveLength(1);
    expect(await contactOf(org, unplaced.id)).toMatchObject({ status: 'DIALING', attempts: 1 });
  });
});

describe('business hours', () => {
  /** Hours in UTC that do not hold the present moment, and their next opening. */
  function closedNow(): { hours: Record<string, unknown>; opening: Date } {
    const now = new Date();
    const hour = now.getUTCHours();
    const pad = (n: number) => String(n).padStart(2, '0');
    const [open, close, dayOffset] = hour + 2 <= 22 ? [hour + 2, hour + 3, 0] : [1, 2, 1];
    const day = { open: `${pad(open)}:00`, close: `${pad(close)}:00` };
    const days = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, day]));
    const opening = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + dayOffset, open));
    return { hours: { timezone: 'UTC', days }, opening };
  }

  it('outside the hours, reschedules the contact to the next opening without dialing; the minute tick dials it once due', { timeout: 90_000 }, async () => {
    const { org, number } = await orgWithNumber(h);
    const { hours, opening } = closedNow();
    await setDialer(org, { business_hours: hours });
    const campaignId = await outboundCampaign(org);
    const contact = await addContact(org, campaignId);
    await activate(org, campaignId);

    const rescheduled = await eventually(async () => {
      const seen = await contactOf(org, contact.id);
      return seen.next_attempt && seen;
    });
    expect(new Date(rescheduled.next_attempt).toISOString()).toBe(opening.toISOString());
    expect(rescheduled).toMatchObject({ status: 'PENDING', attempts: 0 });
    await runtime.queues.drained(DIAL_QUEUE, 20_000);
    expect(dialsFrom(number)).toEqual([]);

    // The hours open (the settings change), and the contact's time has come: the tick's sweep dials it.
    await setDialer(org, { business_hours: null });
    const item = await stored(org, `CONTACT#${contact.id}`);
    await h.table.put({ ...item, next_attempt: new Date(Date.now() - 1000).toISOString() });
    const fired = await fetch(`${runtime.url}/_local/schedules/kraliki/dialer-tick`, { method: 'POST' });
    expect(fired.status).toBeLessThan(300);
    await eventually(() => dialsFrom(number).length === 1, { timeoutMs: 30_000, what: 'the dial after the opening' });
    expect(await contactOf(org, contact.id)).toMatchObject({ status: 'DIALING', attempts: 1 });
  });
});
