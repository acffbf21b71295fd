/**
 * The outbox: where the local provider adapters record what would have gone
 * out (SMS, push, e-mail, WhatsApp, calls), so a developer can read it and tests
 * can assert on it. This module is the adapters' one writer and the one
 * definition of a record; the local runtime serves the outbox at OUTBOX_URL.
 */

import * as z from 'zod/mini';
import { baseConfig, loadConfig } from '../config.ts';

/** One message that would have left the system. */
export interface OutboxRecord {
  id: string;
  /** ISO time the outbox received it. */
  at: string;
  /** `sms`, `push`, `email`, `whatsapp`, `call`, ... */
  channel: string;
  /** Phone number, device token, address: whatever the channel delivers to. */
  to: string;
  /** The service that sent it, when known. */
  service: string | null;
  payload: unknown;
}

export interface OutboxFilter {
  channel?: string;
  to?: string;
  service?: string;
  /** ISO time: only records received at or after it. */
  since?: string;
}

const providersConfig = z.pick(baseConfig, { PROVIDERS: true });
const outboxConfig = z.extend(z.pick(baseConfig, { SERVICE_NAME: true }), { OUTBOX_URL: z.url() });

/** `PROVIDERS=local` (set by the local runtime) swaps every real adapter for its outbox twin. */
export const usesLocalProviders = (): boolean => loadConfig(providersConfig).PROVIDERS === 'local';

export async function recordOutgoing(channel: string, to: string, payload: unknown): Promise<OutboxRecord> {
  const { OUTBOX_URL, SERVICE_NAME } = loadConfig(outboxConfig);
  const response = await fetch(OUTBOX_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel, to, service: SERVICE_NAME, payload }),
  });
  if (response.status !== 201) throw new Error(`outbox refused a ${channel} message: ${response.status} ${await response.text()}`);
  return (await response.json()) as OutboxRecord;
}
