/**
 * Audio evidence as the app sends it: a recording part uploaded as
 * multipart/form-data with the fields its upload task adds (`sha1`,
 * `event_id`, `event_sequence`, `cliente_created_at`, `current_time`), the
 * file in `media`. The recordings are real AAC made once with ffmpeg:
 * 3 s of a 440 Hz tone swelling and fading (ADTS, 32 kHz mono, as the
 * Android app records) and 2 s of 660 Hz in an MP4 container (as iOS does).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import type { PenhasHarness, SeededAccount } from '../app-client.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/audio/${name}`, import.meta.url)));

/** 3.008 s once decoded (FAAD2 keeps its one frame of delay on ADTS). */
export const ADTS_3S = fixture('evidence-3s-mono-32khz.aac');
export const MP4_2S = fixture('evidence-2s-mono-32khz.m4a');

/** ADTS frames each carry their header, so repeating a stream is a longer valid stream: a large recording without a large fixture. */
export const repeatedAdts = (times: number): Buffer => Buffer.concat(Array.from({ length: times }, () => ADTS_3S));

export interface AudioPart {
  eventId?: string;
  sequence?: number | string;
  bytes?: Buffer;
  filename?: string;
  /** The recording's time by the phone's clock. */
  createdAt?: string;
  /** The phone's clock when sending. */
  currentTime?: string;
}

export const newEventId = (): string => randomUUID();

export async function multipartOf(fields: Record<string, string>, file?: { bytes: Buffer; filename: string }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('media', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.filename);
  const request = new Request('http://local/', { method: 'POST', body: form });
  return { rawBody: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

/** POST /me/audios as the app's background upload task sends it. */
export async function uploadPart(h: PenhasHarness, account: SeededAccount, part: AudioPart = {}) {
  const now = new Date().toISOString();
  const bytes = part.bytes ?? ADTS_3S;
  const body = await multipartOf(
    {
      sha1: createHash('sha1').update(bytes).digest('hex'),
      event_id: part.eventId ?? newEventId(),
      event_sequence: String(part.sequence ?? 1),
      cliente_created_at: part.createdAt ?? now,
      current_time: part.currentTime ?? now,
    },
    { bytes, filename: part.filename ?? '1764650000000_event_1.aac' },
  );
  return h.app.post('/me/audios', { apiKey: account.session, ...body });
}

/** Her event, as stored. */
export const storedEvent = async (h: PenhasHarness, account: SeededAccount, eventId: string) =>
  (await h.table.partition(`USER#${account.id}`)).find((item) => item.sk === `AUDIO_EVENT#${eventId}`) as Record<string, any> | undefined;

/** Her recordings of an event, as stored, in sequence order. */
export const storedRecordings = async (h: PenhasHarness, account: SeededAccount, eventId: string) =>
  (await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith(`AUDIO#${eventId}#`)) as Record<string, any>[];

/** Fires the audio lifecycle schedule once, as its minute would. */
export async function runLifecycle(h: PenhasHarness): Promise<void> {
  const fired = await fetch(addresses.scheduleTrigger(h.runtime.url, 'penhas', 'audio-lifecycle'), { method: 'POST' });
  if (fired.status !== 202) throw new Error(`the audio-lifecycle schedule answered ${fired.status}`);
}

/** Moves her event's creation `days` into the past, as that many days would (the lifecycle index sorts by it). */
export async function ageEvent(h: PenhasHarness, account: SeededAccount, eventId: string, days: number): Promise<void> {
  const event = (await storedEvent(h, account, eventId))!;
  const createdAt = new Date(Date.now() - days * 86_400_000).toISOString();
  await h.table.put({ ...event, created_at: createdAt, ...(event.gsi1pk ? { gsi1sk: `${createdAt}#${account.id}#${eventId}` } : {}) });
}

/** The keys of the objects under `prefix` in the audio bucket, sorted, read with the real S3 client. */
export async function objectsUnder(h: PenhasHarness, prefix: string): Promise<string[]> {
  const s3 = new S3Client({ endpoint: addresses.s3Endpoint(h.runtime.url), forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: addresses.bucketName('penhas', 'audio'), Prefix: prefix }));
    return (listed.Contents ?? []).map((object) => object.Key!).sort();
  } finally {
    s3.destroy();
  }
}

/** An `audio-analysis` job sent again (as SQS may deliver one twice), waited for until the queue is empty. */
export async function redeliverAnalysis(h: PenhasHarness, job: { user_id: number; event_id: string; event_sequence: number }): Promise<void> {
  const sqs = new SQSClient({ endpoint: addresses.sqsEndpoint(h.runtime.url), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const queueName = addresses.queueName('penhas', 'audio-analysis');
  try {
    await sqs.send(new SendMessageCommand({ QueueUrl: addresses.queueUrl(h.runtime.url, queueName), MessageBody: JSON.stringify(job) }));
  } finally {
    sqs.destroy();
  }
  await h.runtime.queues.drained(queueName);
}
