/**
 * An organization's settings: its phone numbers, business hours, caller ids
 * and whether calls are recorded. One item per organization, versioned so
 * concurrent writes cannot lose each other.
 *
 * A phone number belongs to one organization: each number has a sentinel item
 * (`PHONE_NUMBER#<E.164>`) naming its organization, claimed and released in
 * the same transaction that writes the settings. Claiming a number another
 * organization holds fails the whole write (409); removing a number from the
 * list frees it. Inbound calls find their organization from the sentinel
 * (`organizationOfNumber`).
 */
import { AppError, conflict } from '#shared/errors';
import * as table from '#shared/db/table';
import { claimUnique, releaseUnique, transact, type TransactItem } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import { phoneNumberKey, settingsKey } from '../keys.ts';
import type { BusinessHours } from './business-hours.ts';

/** How outbound campaigns dial (campaigns/dialer.ts): calls placed per second for the whole organization, attempts per contact, and the wait before retrying a contact who did not answer, was busy or failed. */
export interface DialerSettings {
  calls_per_second: number;
  max_attempts: number;
  retry_delay_seconds: number;
}

/** Twilio places 1 call per second per account unless raised. */
export const DIALER_DEFAULTS: DialerSettings = { calls_per_second: 1, max_attempts: 3, retry_delay_seconds: 3600 };

export interface Settings {
  phone_numbers: string[];
  business_hours: BusinessHours | null;
  caller_ids: string[];
  recording: boolean;
  dialer: DialerSettings;
  updated_at: string | null;
}

interface SettingsItem extends Settings {
  pk: string;
  sk: string;
  version: number;
}

const DEFAULTS: Settings = { phone_numbers: [], business_hours: null, caller_ids: [], recording: false, dialer: DIALER_DEFAULTS, updated_at: null };

const view = (item: Partial<SettingsItem> | undefined): Settings => ({
  phone_numbers: item?.phone_numbers ?? DEFAULTS.phone_numbers,
  business_hours: item?.business_hours ?? DEFAULTS.business_hours,
  caller_ids: item?.caller_ids ?? DEFAULTS.caller_ids,
  recording: item?.recording ?? DEFAULTS.recording,
  dialer: { ...DEFAULTS.dialer, ...item?.dialer },
  updated_at: item?.updated_at ?? DEFAULTS.updated_at,
});

/** The organization's settings (the defaults until an admin writes them). */
export async function getSettings(orgId: string, options: { consistent?: boolean } = {}): Promise<Settings> {
  return view(await table.get<SettingsItem>(settingsKey(orgId), options));
}

/** The organization a number belongs to, if any (inbound calls, outbound caller checks). */
export async function organizationOfNumber(e164: string): Promise<string | undefined> {
  return (await table.get<{ organization_id?: string }>(phoneNumberKey(e164)))?.organization_id;
}

export type SettingsChanges = Partial<Omit<Settings, 'updated_at' | 'dialer'>> & { dialer?: Partial<DialerSettings> };

const NUMBER_TAKEN = 'phone_number_taken';

/** Applies the changes (fields left out keep their values), claiming added numbers and freeing removed ones. */
export async function updateSettings(orgId: string, changes: SettingsChanges, now = new Date()): Promise<Settings> {
  const key = settingsKey(orgId);
  const stored = await table.get<SettingsItem>(key, { consistent: true });
  const current = view(stored);
  const next: Settings = {
    phone_numbers: changes.phone_numbers ? [...new Set(changes.phone_numbers)] : current.phone_numbers,
    business_hours: changes.business_hours === undefined ? current.business_hours : changes.business_hours,
    caller_ids: changes.caller_ids ? [...new Set(changes.caller_ids)] : current.caller_ids,
    recording: changes.recording ?? current.recording,
    dialer: { ...current.dialer, ...changes.dialer },
    updated_at: now.toISOString(),
  };
  const added = next.phone_numbers.filter((number) => !current.phone_numbers.includes(number));
  const removed = current.phone_numbers.filter((number) => !next.phone_numbers.includes(number));
  const version = stored?.version ?? 0;
  const items: TransactItem[] = [
    {
      Put: {
        Item: { ...key, ...next, version: version + 1 },
        ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :version',
        ...(version === 0 ? {} : { ExpressionAttributeValues: { ':version': version } }),
      },
      conflictCode: 'concurrent_update',
    },
    ...added.map((number) => {
      const claim = claimUnique({ key: phoneNumberKey(number), conflictCode: NUMBER_TAKEN }, key);
      claim.Put!.Item = { ...claim.Put!.Item, organization_id: orgId };
      return claim;
    }),
    ...removed.map((number) => releaseUnique(phoneNumberKey(number), key)),
  ];
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof AppError && error.code === NUMBER_TAKEN) throw conflict(NUMBER_TAKEN, 'A phone number in the list belongs to another organization');
    if (error instanceof AppError && error.code === 'concurrent_update') throw conflict('concurrent_update', 'The settings changed meanwhile, try again');
    throw error;
  }
  logger.info('settings updated', { organizationId: orgId, numbersAdded: added.length, numbersRemoved: removed.length });
  return next;
}
