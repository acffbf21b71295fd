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
import { alertKey, alertLimitKey } from '../keys.ts';
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

/**
 * Counts one alert in her window, which starts at the first alert it counts
 * and lasts `seconds`; the count after this one. One conditional UpdateItem
 * while the window is open; a Put opens the next one.
 */
async function countInWindow(userId: number, window: keyof typeof LIMITS, now: Date): Promise<number> {
  const key = alertLimitKey(userId, window);
  const { seconds } = LIMITS[window];
  for (;;) {
    const counted = await table.update<{ count: number }>(key, 'ADD #count :one', {
      condition: 'endsAt > :now',
      names: { '#count': 'count' },
      values: { ':one': 1, ':now': now.getTime() },
      returning: 'new',
    });
    if (counted) return counted.count;
    const endsAt = now.getTime() + seconds * 1000;
    const opened = await table.put(
      { ...key, count: 1, endsAt, expiresAt: expiresAt(new Date(endsAt + 1000)) },
      { condition: 'attribute_not_exists(pk) OR endsAt <= :now', values: { ':now': now.getTime() } },
    );
    if (opened) return 1;
  }
}

/** Gives back one count (the alert could not be queued, so she may press again at once). */
async function uncount(userId: number, window: keyof typeof LIMITS): Promise<void> {
  await table.update(alertLimitKey(userId, window), 'ADD #count :minusOne', { names: { '#count': 'count' }, values: { ':minusOne': -1 } });
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
  await table.put({
    ...record,
    id: alertId,
    created_at: now.toISOString(),
    ...(gps.location ? { gps_lat: gps.gps_lat, gps_long: gps.gps_long } : {}),
    meta: { ip },
    sms_enviados: 0,
  });
  logger.info('panic alert recorded', { alertId });

  const guardians = acceptedGuardians(user.id);
  guardians.catch(() => undefined);
  const minute = await countInWindow(user.id, 'minute', now);
  if (minute > LIMITS.minute.limit()) throw tooManyAlerts(LIMITS.minute.message);
  const day = await countInWindow(user.id, 'day', now);
  if (day > LIMITS.day.limit()) throw tooManyAlerts(LIMITS.day.message);

  const recipients = await guardians;
  const text = alertSmsText(user.nome_completo, gps.location);
  try {
    await enqueueSms(recipients.map((g) => ({ userId: user.id, to: g.celular_e164, text, key: alertSmsKey(alertId, g.id), kind: 'alert' as const })));
  } catch (error) {
    await Promise.all([uncount(user.id, 'minute'), uncount(user.id, 'day')]).catch(() => undefined);
    throw error;
  }
  await table.update(record, 'SET sms_enviados = :count, alert_sent_to = :sentTo', {
    values: { ':count': recipients.length, ':sentTo': { guardioes: recipients.map((g) => g.id) } },
  });
  return alertAnswer(recipients.length, gps.location !== undefined);
}
