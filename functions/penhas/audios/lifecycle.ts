/**
 * Who may reach a recording event, by its age (the original's statuses):
 * `free_access` for 3 days, then `blocked_access` (she may ask for access:
 * `requested_by_user`), `hidden` from her after 30 days; an event an admin
 * freed (`free_access_by_admin`) is hidden after 40; after 5 years every
 * event becomes `delete_from_s3` and its recordings are deleted.
 *
 * The minute schedule writes these moves (lifecycle-sweep.ts); reads also
 * apply them to what they find, so an answer never lags the schedule.
 */
export const AUDIO_STATUSES = ['free_access', 'blocked_access', 'free_access_by_admin', 'hidden', 'delete_from_s3'] as const;
export type AudioStatus = (typeof AUDIO_STATUSES)[number];

const DAY_MS = 86_400_000;
export const BLOCK_AFTER_DAYS = 3;
export const HIDE_AFTER_DAYS = 30;
export const HIDE_ADMIN_FREED_AFTER_DAYS = 40;
/** Five years of 365 days and a leap day, as Postgres' `INTERVAL '5 YEARS'` roughly was. */
export const DELETE_AFTER_DAYS = 5 * 365 + 1;

/** Each move: events in `from` created at or before `days` ago go to `to`. The deletion comes first, as in the original. */
export const MOVES: { from: AudioStatus; to: AudioStatus; days: number }[] = [
  ...(['free_access', 'blocked_access', 'free_access_by_admin', 'hidden'] as const).map((from) => ({
    from,
    to: 'delete_from_s3' as const,
    days: DELETE_AFTER_DAYS,
  })),
  { from: 'free_access_by_admin', to: 'hidden', days: HIDE_ADMIN_FREED_AFTER_DAYS },
  { from: 'blocked_access', to: 'hidden', days: HIDE_AFTER_DAYS },
  { from: 'free_access', to: 'blocked_access', days: BLOCK_AFTER_DAYS },
];

export const cutoff = (days: number, now: Date): string => new Date(now.getTime() - days * DAY_MS).toISOString();

/** The status an event has now, its stored one moved as the schedule would move it. */
export function currentStatus(stored: AudioStatus, createdAt: string, now: Date): AudioStatus {
  let status = stored;
  for (const move of MOVES) if (status === move.from && createdAt <= cutoff(move.days, now)) status = move.to;
  return status;
}

/** She sees the event in her list. */
export const isVisible = (status: AudioStatus): boolean => status === 'free_access' || status === 'blocked_access' || status === 'free_access_by_admin';

/** She may download its recordings. */
export const isDownloadGranted = (status: AudioStatus): boolean => status === 'free_access' || status === 'free_access_by_admin';
