/**
 * The outbound campaign dialer. An OUTBOUND campaign that is active is
 * "dialing": it carries the dialer index keys (keys.ts), set and removed with
 * its activation (dialer-activation.ts), so the minute tick (tick-dialer.ts)
 * finds every dialing campaign without a Scan. Activation sweeps at once; the
 * tick sweeps again every minute while it stays active.
 *
 * A sweep reads the campaign's contacts and claims the due ones (PENDING, under
 * the organization's `max_attempts`, `next_attempt` passed, not opted out):
 * at most a minute of dialing at the organization's rate, so a deactivation
 * stops dialing within a minute and the pacing backlog stays short. The claim
 * (`dial_claimed_at`) is a conditional write, so overlapping sweeps enqueue a
 * contact once; a claim whose job was lost goes stale after 30 minutes.
 *
 * A dial job checks everything again when it runs (campaign still dialing,
 * contact still PENDING and not DO_NOT_CALL, business hours in the
 * organization's time zone, else rescheduled to the next opening), claims
 * the attempt on the contact with a write conditional on the previous attempt
 * count, then reserves its pacing slot (dialer-pacing.ts; a slot in the future
 * sends the job back with an SQS delay, and a campaign deactivated meanwhile
 * gets the attempt back), so that all the reading and claiming is done before
 * the slot and the call leaves close to it; it places the call through the
 * calls feature's own create path (`placeOutboundCall`) with the idempotency
 * key `dialer-<contact>-<attempt>`. A redelivered job finds the attempt taken
 * and its call placed, and does nothing; one that died between the claim and
 * Twilio's answer places the call with the same key, which Twilio was asked
 * for at most once.
 *
 * When the call ends, the status webhook enqueues its outcome: COMPLETED ends
 * the contact; NO_ANSWER, BUSY, FAILED or CANCELED retries it after the
 * organization's `retry_delay_seconds` (a delayed dial job when that fits in
 * SQS's 15 minutes, the tick's sweeps otherwise) until `max_attempts`, then
 * marks it FAILED. A contact left DIALING for ten minutes (a job dead-lettered,
 * an outcome lost) is picked up by the next sweep. Field names and statuses are
 * the reference's (`attempts`, `last_attempt` when its call was placed,
 * `next_attempt`, `outcome`).
 */
import * as table from '#shared/db/table';
import { AppError } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import { logger } from '#shared/observability/logger';
import type { Caller } from '../auth/roles.ts';
import { isFinal } from '../calls/call-status.ts';
import type { CallRecord } from '../calls/calls.ts';
import { placeOutboundCall } from '../calls/outbound.ts';
import { twilioAccountCallsPerSecond } from '../calls/twilio-client.ts';
import type { ContactRecord } from '../contacts/contacts.ts';
import {
  CAMPAIGN_CONTACTS_INDEX,
  callKey,
  campaignContactsPartition,
  campaignKey,
  contactKey,
  DIALER_CAMPAIGNS_INDEX,
  DIALER_CAMPAIGNS_PARTITION,
} from '../keys.ts';
import { notifyCampaignFinished } from '../notifications/events.ts';
import { type DialerSettings, getSettings, type Settings } from '../settings/settings.ts';
import type { CampaignRecord } from './campaigns.ts';
import { isDialing } from './dialer-activation.ts';
import { type DialJob, enqueueDial, enqueueDials, enqueueOutcome, enqueueSweeps, MAX_DELAY_SECONDS, type OutcomeJob, type SweepJob } from './dialer-jobs.ts';
import { nextOpening } from './dialer-hours.ts';
import { pacingBacklogMs, reserveDialSlot } from './dialer-pacing.ts';

/** A contact as the dialer stores it: the claim of a queued dial and the call of the current attempt. */
export type DialerContact = ContactRecord & { dial_claimed_at?: string; dial_call_id?: string };

const CLAIM_STALE_MS = 30 * 60_000;
/** Placing a call takes seconds; a contact DIALING this long without its outcome is looked at again. */
const STUCK_MS = 10 * 60_000;
/** Seconds of dialing one sweep claims: the tick's period. */
const SWEEP_SECONDS = 60;
const PAGE = 200;

/** A contact who asked not to be called (`extra_metadata.opted_out`, as a CSV import or an update may set it). */
const optedOut = (contact: ContactRecord): boolean => contact.extra_metadata?.opted_out === true;

/** The caller the dialer places calls as: the organization itself, assigning no agent. */
const dialerCaller = (orgId: string): Caller => ({ organizationId: orgId, userId: 'dialer', role: 'SUPERVISOR' });

/** The minute tick: a sweep for every dialing campaign of every organization. */
export async function sweepDialingCampaigns(): Promise<number> {
  const campaigns = await queryAll<{ organization_id: string; id: string }>({
    ...keyQuery({ index: DIALER_CAMPAIGNS_INDEX, pk: DIALER_CAMPAIGNS_PARTITION }),
    ProjectionExpression: 'organization_id, id',
  });
  if (campaigns.length) await enqueueSweeps(campaigns);
  return campaigns.length;
}

const isDue = (contact: DialerContact, dialer: DialerSettings, now: Date): boolean =>
  contact.status === 'PENDING' &&
  !optedOut(contact) &&
  contact.attempts < dialer.max_attempts &&
  (!contact.next_attempt || contact.next_attempt <= now.toISOString()) &&
  (!contact.dial_claimed_at || Date.parse(contact.dial_claimed_at) < now.getTime() - CLAIM_STALE_MS);

/** DIALING, unchanged for long: its attempt's job or its call's outcome was lost on the way. */
const isStuck = (contact: DialerContact, now: Date): boolean => contact.status === 'DIALING' && Date.parse(contact.updated_at) < now.getTime() - STUCK_MS;

/** Claims a minute's worth of the campaign's due contacts and enqueues their dials, and picks up attempts left stuck. */
export async function sweepCampaign(job: SweepJob, now = new Date()): Promise<number> {
  const orgId = job.organization_id;
  const campaign = await table.get<CampaignRecord>(campaignKey(orgId, job.campaign_id), { consistent: true });
  if (!campaign || !isDialing(campaign)) return 0;
  const { dialer } = await getSettings(orgId);
  // A minute of dialing ahead at most, whatever the organization's other campaigns have queued already.
  const backlogSeconds = (await pacingBacklogMs(orgId)) / 1000;
  const rate = Math.min(dialer.calls_per_second, await twilioAccountCallsPerSecond());
  const budget = Math.ceil(rate * Math.max(0, SWEEP_SECONDS - backlogSeconds));
  const dials: DialJob[] = [];
  const stuck: DialerContact[] = [];
  // Whether any contact may still be dialed, and when the last one changed (the campaign's end, if none).
  let open = false;
  let seen = 0;
  let lastChange = '';
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<DialerContact>({
      ...keyQuery({ index: CAMPAIGN_CONTACTS_INDEX, pk: campaignContactsPartition(orgId, campaign.id) }),
      Limit: PAGE,
      ExclusiveStartKey: startKey,
    });
    startKey = page.lastKey;
    for (const contact of page.items) {
      seen++;
      open ||= contact.status === 'DIALING' || (contact.status === 'PENDING' && !optedOut(contact) && contact.attempts < dialer.max_attempts);
      if (contact.updated_at > lastChange) lastChange = contact.updated_at;
      if (isStuck(contact, now)) stuck.push(contact);
      else if (dials.length < budget && isDue(contact, dialer, now) && (await claimContact(orgId, contact, now)))
        dials.push({ kind: 'dial', organization_id: orgId, campaign_id: campaign.id, contact_id: contact.id, attempt: contact.attempts + 1 });
    }
  } while (startKey && dials.length < budget);
  await enqueueDials(orgId, dials);
  // An attempt whose job died (dead-lettered) before its call was placed is made again with the same
  // idempotency key; one whose call's outcome never came is asked again (recordOutcome waits for a final call).
  await Promise.all(
    stuck.map((contact) =>
      contact.dial_call_id
        ? enqueueOutcome(orgId, contact.id, contact.dial_call_id)
        : enqueueDial({ kind: 'dial', organization_id: orgId, campaign_id: campaign.id, contact_id: contact.id, attempt: contact.attempts }),
    ),
  );
  logger.info('campaign swept', { organizationId: orgId, campaignId: campaign.id, dials: dials.length, resumed: stuck.length });
  // A whole pass found contacts and none left to dial: the campaign is done (notified once for these contacts).
  if (!startKey && seen > 0 && !open) await notifyCampaignFinished(campaign, lastChange);
  return dials.length;
}

/** Marks a contact's next dial as queued, unless a live claim or a change got there first. */
function claimContact(orgId: string, contact: DialerContact, now: Date): Promise<boolean> {
  return table.update(contactKey(orgId, contact.id), 'SET dial_claimed_at = :now', {
    condition: '#status = :pending AND attempts = :attempts AND (attribute_not_exists(dial_claimed_at) OR dial_claimed_at < :stale)',
    names: { '#status': 'status' },
    values: {
      ':now': now.toISOString(),
      ':pending': 'PENDING',
      ':attempts': contact.attempts,
      ':stale': new Date(now.getTime() - CLAIM_STALE_MS).toISOString(),
    },
  });
}

/** Lets a claimed contact go without dialing; `nextAttempt` reschedules it (the next opening of the business hours). */
async function release(orgId: string, contact: DialerContact, nextAttempt?: string): Promise<void> {
  await table.update(contactKey(orgId, contact.id), `REMOVE dial_claimed_at${nextAttempt ? ' SET next_attempt = :next, updated_at = :now' : ''}`, {
    condition: 'attempts = :attempts',
    values: { ':attempts': contact.attempts, ...(nextAttempt ? { ':next': nextAttempt, ':now': new Date().toISOString() } : {}) },
  });
}

/** The number a campaign calls from: the first caller id that is one of the organization's numbers, else its first number. */
const callerNumberOf = (settings: Settings): string | undefined =>
  settings.caller_ids.find((id) => settings.phone_numbers.includes(id)) ?? settings.phone_numbers[0];

/** One paced attempt at one contact (see the module's comment for the order of the checks). */
export async function dialContact(job: DialJob): Promise<void> {
  const orgId = job.organization_id;
  const facts = { organizationId: orgId, campaignId: job.campaign_id, contactId: job.contact_id, attempt: job.attempt };
  const contact = await table.get<DialerContact>(contactKey(orgId, job.contact_id), { consistent: true });
  if (!contact || contact.campaign_id !== job.campaign_id) return logger.info('dial of a contact no longer in the campaign dropped', facts);
  if (contact.attempts >= job.attempt) {
    // This attempt is claimed: its job waits for its pacing slot (or died before placing the call), or it is done.
    if (contact.attempts === job.attempt && contact.status === 'DIALING' && !contact.dial_call_id) return dialClaimed(job, contact);
    return logger.info('dial already made (a redelivered job)', facts);
  }
  const campaign = await table.get<CampaignRecord>(campaignKey(orgId, job.campaign_id), { consistent: true });
  if (!campaign || !isDialing(campaign)) {
    await release(orgId, contact);
    return logger.info('dial dropped: the campaign stopped dialing', facts);
  }
  if (contact.status !== 'PENDING' || optedOut(contact)) {
    await release(orgId, contact);
    return logger.info('dial dropped: the contact is not to be called', { ...facts, status: contact.status });
  }
  const settings = await getSettings(orgId, { consistent: true });
  const now = new Date();
  const opening = nextOpening(settings.business_hours, now);
  if (!opening || opening.getTime() > now.getTime()) {
    await release(orgId, contact, (opening ?? new Date(now.getTime() + settings.dialer.retry_delay_seconds * 1000)).toISOString());
    return logger.info('dial rescheduled to the next opening of the business hours', { ...facts, nextAttempt: opening?.toISOString() ?? null });
  }
  if (!callerNumberOf(settings)) {
    await release(orgId, contact, new Date(now.getTime() + settings.dialer.retry_delay_seconds * 1000).toISOString());
    return logger.warn('dial rescheduled: the organization has no phone number to call from', facts);
  }

  const at = new Date().toISOString();
  const claimed = await table.update<DialerContact>(
    contactKey(orgId, contact.id),
    'SET attempts = :attempt, next_attempt = :null, #status = :dialing, updated_at = :at REMOVE dial_claimed_at, dial_call_id',
    {
      condition: 'attempts = :previous AND #status = :pending',
      names: { '#status': 'status' },
      values: { ':attempt': job.attempt, ':previous': job.attempt - 1, ':at': at, ':null': null, ':dialing': 'DIALING', ':pending': 'PENDING' },
      returning: 'new',
    },
  );
  if (!claimed) return logger.info('dial dropped: the contact changed meanwhile', facts);
  if (await waitForSlot(job, settings)) return;
  await placeDial(job, claimed, settings);
}

/**
 * A claimed attempt whose call is not placed yet: placed once its slot has come, unless the campaign
 * stopped dialing meanwhile (the attempt is given back, the contact PENDING again as it was).
 */
async function dialClaimed(job: DialJob, contact: DialerContact): Promise<void> {
  const orgId = job.organization_id;
  const campaign = await table.get<CampaignRecord>(campaignKey(orgId, job.campaign_id), { consistent: true });
  if (!campaign || !isDialing(campaign)) {
    await table.update(contactKey(orgId, contact.id), 'SET attempts = :previous, #status = :pending, updated_at = :now', {
      condition: 'attempts = :attempt AND #status = :dialing AND attribute_not_exists(dial_call_id)',
      names: { '#status': 'status' },
      values: { ':previous': job.attempt - 1, ':attempt': job.attempt, ':pending': 'PENDING', ':dialing': 'DIALING', ':now': new Date().toISOString() },
    });
    return logger.info('dial given back: the campaign stopped dialing', { organizationId: orgId, contactId: contact.id, attempt: job.attempt });
  }
  const settings = await getSettings(orgId, { consistent: true });
  if (!(await waitForSlot(job, settings))) await placeDial(job, contact, settings);
}

/** Waits under this are slept in the consumer: an SQS delay is whole seconds, too coarse to space calls a second apart. */
const WAIT_IN_PROCESS_MS = 1000;

/**
 * Reserves the job's pacing slot (once: it travels with the job); true when the job went back to the
 * queue to wait for it. The delay is rounded down, so the job comes back before its slot and sleeps the
 * rest: rounded up, each call would leave up to a second late by its own fraction, and two calls a
 * second apart could reach Twilio together.
 */
async function waitForSlot(job: DialJob, settings: Settings): Promise<boolean> {
  const slotAt = job.slot_at ?? (await reserveDialSlot(job.organization_id, settings.dialer.calls_per_second));
  const wait = slotAt - Date.now();
  if (wait > WAIT_IN_PROCESS_MS) {
    await enqueueDial({ ...job, slot_at: slotAt }, Math.floor(wait / 1000));
    return true;
  }
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return false;
}

/** Places the attempt's call through the calls feature; Twilio refusing it counts as a FAILED attempt. */
async function placeDial(job: DialJob, contact: DialerContact, known?: Settings): Promise<void> {
  const orgId = job.organization_id;
  const settings = known ?? (await getSettings(orgId, { consistent: true }));
  const from = callerNumberOf(settings);
  let callId: string;
  try {
    if (!from) throw new AppError('conflict', 'no_phone_number', 'The organization has no phone number to call from');
    const { call } = await placeOutboundCall(
      dialerCaller(orgId),
      { from_number: from, to_number: contact.phone_number, direction: 'OUTBOUND', campaign_id: job.campaign_id, contact_id: contact.id },
      `dialer-${contact.id}-${job.attempt}`,
    );
    callId = call.id;
  } catch (error) {
    // Another delivery of this job is placing the same call right now: try again later, never twice.
    if (!(error instanceof AppError) || error.kind === 'internal' || error.code === 'request_in_progress') throw error;
    logger.warn('dial refused', { organizationId: orgId, contactId: contact.id, attempt: job.attempt, code: error.code });
    await settleAttempt(orgId, contact, 'FAILED', settings.dialer, { condition: 'attempts = :attempt', values: { ':attempt': job.attempt } });
    return;
  }
  await table.update(contactKey(orgId, contact.id), 'SET dial_call_id = :call, last_attempt = :now, updated_at = :now', {
    condition: 'attempts = :attempt',
    values: { ':call': callId, ':attempt': job.attempt, ':now': new Date().toISOString() },
  });
  logger.info('contact dialed', { organizationId: orgId, campaignId: job.campaign_id, contactId: contact.id, attempt: job.attempt, callId });
}

/** A dialed call ended: the contact's attempt is settled, once (the write is conditional on that call still being its current one). */
export async function recordOutcome(job: OutcomeJob): Promise<void> {
  const orgId = job.organization_id;
  const [contact, call] = await Promise.all([
    table.get<DialerContact>(contactKey(orgId, job.contact_id), { consistent: true }),
    table.get<CallRecord>(callKey(orgId, job.call_id), { consistent: true }),
  ]);
  if (!contact || !call || contact.dial_call_id !== call.id || contact.status !== 'DIALING' || !isFinal(call.status)) return;
  const { dialer } = await getSettings(orgId);
  await settleAttempt(orgId, contact, call.status, dialer, {
    condition: 'dial_call_id = :call AND #status = :dialing',
    values: { ':call': call.id, ':dialing': 'DIALING' },
  });
}

/**
 * Settles the contact's current attempt: COMPLETED ends it; anything else retries it after the
 * retry delay while attempts remain (a delayed dial job, claimed in the same write, when the delay
 * fits in SQS's 15 minutes; the tick's sweeps otherwise), then FAILED.
 */
async function settleAttempt(
  orgId: string,
  contact: DialerContact,
  outcome: string,
  dialer: DialerSettings,
  guard: { condition: string; values: Record<string, unknown> },
): Promise<void> {
  const now = new Date();
  const retry = outcome !== 'COMPLETED' && contact.attempts < dialer.max_attempts;
  const status = outcome === 'COMPLETED' ? 'COMPLETED' : retry ? 'PENDING' : 'FAILED';
  const nextAttempt = retry ? new Date(now.getTime() + dialer.retry_delay_seconds * 1000).toISOString() : null;
  const queueNow = retry && dialer.retry_delay_seconds <= MAX_DELAY_SECONDS;
  const settled = await table.update(
    contactKey(orgId, contact.id),
    `SET #status = :status, outcome = :outcome, next_attempt = :next, updated_at = :now${queueNow ? ', dial_claimed_at = :now' : ''}`,
    {
      condition: guard.condition,
      names: { '#status': 'status' },
      values: { ...guard.values, ':status': status, ':outcome': outcome, ':next': nextAttempt, ':now': now.toISOString() },
    },
  );
  if (!settled) return;
  logger.info('contact attempt settled', { organizationId: orgId, contactId: contact.id, attempts: contact.attempts, outcome, status });
  if (queueNow)
    await enqueueDial(
      { kind: 'dial', organization_id: orgId, campaign_id: contact.campaign_id, contact_id: contact.id, attempt: contact.attempts + 1 },
      dialer.retry_delay_seconds,
    );
}
