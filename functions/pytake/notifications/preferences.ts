/**
 * A user's notification preferences (the original's `NotificationPreference`):
 * per-channel flags, quiet hours and per-hour caps, with the original's
 * defaults. Read (and created with those defaults) on first use.
 *
 * Quiet hours are wall-clock times in the organization's timezone
 * (`settings.timezone`, UTC when unset); during them only the in-app and live
 * channels deliver, as in the original. A span whose start is after its end
 * runs overnight (22:00–08:00).
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { notificationPreferencesKey, type ItemKey } from '../keys.ts';

export type PreferenceFields = {
  email_enabled: boolean;
  sms_enabled: boolean;
  whatsapp_enabled: boolean;
  websocket_enabled: boolean;
  in_app_enabled: boolean;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  quiet_hours_enabled: boolean;
  max_emails_per_hour: number;
  max_sms_per_hour: number;
};

export type PreferencesRecord = ItemKey &
  PreferenceFields & { id: string; user_id: string; organization_id: string; created_at: string; updated_at: string; version: number };

export const DEFAULT_PREFERENCES: PreferenceFields = {
  email_enabled: true,
  sms_enabled: false,
  whatsapp_enabled: false,
  websocket_enabled: true,
  in_app_enabled: true,
  quiet_hours_start: null,
  quiet_hours_end: null,
  quiet_hours_enabled: false,
  max_emails_per_hour: 10,
  max_sms_per_hour: 5,
};

export async function getPreferences(orgId: string, userId: string): Promise<PreferencesRecord> {
  const key = notificationPreferencesKey(orgId, userId);
  const stored = await table.get<PreferencesRecord>(key, { consistent: true });
  if (stored) return stored;
  const now = new Date().toISOString();
  const fresh: PreferencesRecord = {
    ...key,
    ...DEFAULT_PREFERENCES,
    id: randomUUID(),
    user_id: userId,
    organization_id: orgId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  // Two first reads at once: one writes, both answer what is stored.
  if (await table.put(fresh, { condition: 'attribute_not_exists(pk)' })) return fresh;
  return (await table.get<PreferencesRecord>(key, { consistent: true })) as PreferencesRecord;
}

export async function updatePreferences(orgId: string, userId: string, changes: Partial<PreferenceFields>): Promise<PreferencesRecord> {
  const current = await getPreferences(orgId, userId);
  const next: PreferencesRecord = { ...current, updated_at: new Date().toISOString(), version: current.version + 1 };
  for (const [name, value] of Object.entries(changes)) if (value !== undefined) (next as unknown as Record<string, unknown>)[name] = value;
  if (!(await table.put(next, { condition: 'version = :version', values: { ':version': current.version } }))) return updatePreferences(orgId, userId, changes);
  return next;
}

export const preferencesView = ({ pk: _pk, sk: _sk, version: _version, ...view }: PreferencesRecord) => view;

/** `HH:MM` of `at` in `timeZone` (an unknown zone counts as UTC). */
function wallClock(at: Date, timeZone: string): string {
  const format = (zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

/** Whether `at` falls in the preferences' quiet hours. Pure. */
export function inQuietHours(
  prefs: Pick<PreferenceFields, 'quiet_hours_enabled' | 'quiet_hours_start' | 'quiet_hours_end'>,
  at: Date,
  timeZone: string,
): boolean {
  const { quiet_hours_enabled: enabled, quiet_hours_start: start, quiet_hours_end: end } = prefs;
  if (!enabled || !start || !end) return false;
  const now = wallClock(at, timeZone);
  return start > end ? now >= start || now < end : now >= start && now < end;
}
