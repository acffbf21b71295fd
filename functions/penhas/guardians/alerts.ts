/**
 * The panic button. Every press is recorded first (refused presses too), then
 * the limits apply (1 a minute, 10 in 24 hours, each window starting at the
 * first alert it counts, as the original's counters did), then one SMS per
 * accepted guardian is handed to the `sms` queue and the app is answered at
 * once: the SMS go out from the queue's consumer, never inside the request.
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { AppError } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { alertKey, alertLimitsKey } from '../keys.ts';
import type { UserRecord } from '../accounts/users.ts';
import { checkGps, type GpsParams } from './coordinates.ts';
import { acceptedGuardians } from './guardians.ts';
import { alertAnswer, alertSmsText } from './sms-texts.ts';
import { alertSmsKey, enqueueSms } from './sms-jobs.ts';

const LIMITS = {
  minute: { seconds: 60, limit: () => Number(process.env.MAX_GUARD_ALERT_PER_MINUTE) || 1, message: 'Os alertas já foram enviados no último minuto!' },
  day: { seconds: 86_400, limit: () => Number(process.env.MAX_GUARD_ALERT_PER_24H) || 10, message: 'Você atingiu o limite de alertas no período de 24h.' },
} as const;

const tooManyAlerts = (message: string) => new AppError('invalid', 'too_many_alerts', message);

/** Her two counters in one item; `rev` serialises concurrent presses. Times are epoch milliseconds. */
interface AlertLimits {
  rev: number;
  minuteCount: number;
  minuteEndsAt: number;
  dayCount: number;
  dayEndsAt: number;
}

const ATTEMPTS = 5;

/**
 * Counts the press in her windows, each of which starts at the first press it
 * counts (as the original's counters did), and refuses it past a limit. The
 * minute is checked first; a press it refuses is not counted in the day. One
 * conditional UpdateItem from the counters read beforehand (`known`); a
 * concurrent press makes it read again.
 */
async function countAlert(userId: number, now: Date, known: AlertLimits | undefined): Promise<void> {
  const key = alertLimitsKey(userId);
  const at = now.getTime();
  let state = known;
  for (let attempt = 1; ; attempt++) {
    const minuteOpen = state !== undefined && state.minuteEndsAt > at;
    const dayOpen = state !== undefined && state.dayEndsAt > at;
    const next: AlertLimits = {
      rev: (state?.rev ?? 0) + 1,
      minuteCount: minuteOpen ? state!.minuteCount + 1 : 1,
      minuteEndsAt: minuteOpen ? state!.minuteEndsAt : at + LIMITS.minute.seconds * 1000,
      dayCount: dayOpen ? state!.dayCount : 0,
      dayEndsAt: dayOpen ? state!.dayEndsAt : at + LIMITS.day.seconds * 1000,
    };
    const refusedByMinute = next.minuteCount > LIMITS.minute.limit();
    if (!refusedByMinute) next.dayCount++;
    const written = await table.update(
      key,
      'SET rev = :rev, minuteCount = :minuteCount, minuteEndsAt = :minuteEndsAt, dayCount = :dayCount, dayEndsAt = :dayEndsAt, expiresAt = :expiresAt',
      {
        condition: state === undefined ? 'attribute_not_exists(pk)' : 'rev = :read',
        values: {
          ':rev': next.rev,
          ':minuteCount': next.minuteCount,
          ':minuteEndsAt': next.minuteEndsAt,
          ':dayCount': next.dayCount,
          ':dayEndsAt': next.dayEndsAt,
          ':expiresAt': expiresAt(new Date(Math.max(next.minuteEndsAt, next.dayEndsAt) + 1000)),
          ...(state === undefined ? {} : { ':read': state.rev }),
        },
      },
    );
    if (written) {
      if (refusedByMinute) throw tooManyAlerts(LIMITS.minute.message);
      if (next.dayCount > LIMITS.day.limit()) throw tooManyAlerts(LIMITS.day.message);
      return;
    }
    if (attempt === ATTEMPTS) throw new AppError('conflict', 'transaction_conflict', 'concurrent update, try again');
    state = await table.get<AlertLimits>(key, { consistent: true });
  }
}

/** Gives back the press (its SMS could not be queued), so she may press again at once. */
async function uncount(userId: number): Promise<void> {
  await table.update(alertLimitsKey(userId), 'ADD minuteCount :minusOne, dayCount :minusOne', { values: { ':minusOne': -1 } });
}

export interface AlertRequest {
  user: Pick<UserRecord, 'id' | 'nome_completo'>;
  params: GpsParams;
  ip: string;
}

export async function alertGuardians({ user, params, ip }: AlertRequest, now = new Date()): Promise<{ title: string; message: string }> {
  const gps = checkGps(params);
  const alertId = randomUUID();
  const record = alertKey(user.id, now, alertId);
  // The press is recorded whatever follows; her counters and guardians are read meanwhile.
  const [, limits, recipients] = await Promise.all([
    table.put({
      ...record,
      id: alertId,
      created_at: now.toISOString(),
      ...(gps.location ? { gps_lat: gps.gps_lat, gps_long: gps.gps_long } : {}),
      meta: { ip },
      sms_enviados: 0,
    }),
    table.get<AlertLimits>(alertLimitsKey(user.id)),
    acceptedGuardians(user.id),
  ]);
  logger.info('panic alert recorded', { alertId });
  await countAlert(user.id, now, limits);

  const text = alertSmsText(user.nome_completo, gps.location);
  const sentTo = (count: number) =>
    table.update(record, 'SET sms_enviados = :count, alert_sent_to = :sentTo', {
      values: { ':count': count, ':sentTo': { guardioes: count ? recipients.map((g) => g.id) : [] } },
    });
  // Both at once: the answer waits for the slower, not for the sum.
  const [queued, noted] = await Promise.allSettled([
    enqueueSms(recipients.map((g) => ({ userId: user.id, to: g.celular_e164, text, key: alertSmsKey(alertId, g.id), kind: 'alert' as const }))),
    sentTo(recipients.length),
  ]);
  if (queued.status === 'rejected') {
    await Promise.all([uncount(user.id), sentTo(0)]).catch(() => undefined);
    throw queued.reason;
  }
  if (noted.status === 'rejected') logger.warn('alert queued but its record not updated', { alertId, errorName: (noted.reason as Error).name });
  return alertAnswer(recipients.length, gps.location !== undefined);
}
