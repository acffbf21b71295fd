/**
 * Bulk import of a campaign's contacts from a CSV (csv.ts reads it). A file of
 * up to SYNC_ROWS rows is imported in the request; a larger one is stored in
 * the `imports` bucket and imported by the `contact-import` queue consumer, a
 * slice of SLICE_ROWS rows per job, each job enqueuing the next, its progress
 * kept on the job's item (GET /api/contacts/bulk-import/{job_id}).
 *
 * Rows are written 49 at a time in one transaction with the campaign's count
 * (99 of a transaction's 100 items), after one BatchGet of their numbers'
 * sentinels finds those already in the campaign. A group that fails because a
 * number was taken meanwhile is written again row by row. Imported contacts
 * get ids derived from the job and the line, and a slice's progress is
 * counted on the condition that no other delivery counted it: a retried or
 * duplicated job finds its own rows (imported, not duplicates) and never
 * counts a slice twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { batchGet } from '#shared/db/batch';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError, conflict } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { sendJob } from '#shared/queue/send';
import { deleteObject, getObjectBytes, presignUpload, putObject } from '#shared/storage/objects';
import type { Caller } from '../auth/roles.ts';
import { getCampaign } from '../campaigns/campaigns.ts';
import { notFoundError } from '../errors.ts';
import { contactImportKey, contactPhoneKey } from '../keys.ts';
import { notifyImportFinished } from '../notifications/events.ts';
import { buckets, queues } from '../resources.ts';
import { contactRecord, countContacts, putContact } from './contacts.ts';
import { type CsvEntry, readContactsCsv } from './csv.ts';
import { publishImportProgress } from './import-events.ts';

/** Rows a request imports itself; a larger file goes through the queue. */
export const SYNC_ROWS = 2_000;
/** Rows one consumer invocation imports before enqueuing the rest. */
export const SLICE_ROWS = 1_000;
const ROWS_PER_TRANSACTION = 49;
/** Errors an answer lists (the count of failed rows is complete). */
export const MAX_ERRORS = 10;
/** Finished jobs are kept this long for their progress to be read. */
const JOB_TTL_SECONDS = 30 * 24 * 3600;

export interface ImportOutcome {
  imported: number;
  failed: number;
  total: number;
  errors: string[];
}

/** UPLOADING: waiting for the file at its presigned URL; PROCESSING: being imported by the queue. */
export const IMPORT_STATUSES = ['UPLOADING', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export type ImportJobRecord = {
  pk: string;
  sk: string;
  id: string;
  campaign_id: string;
  status: ImportStatus;
  total: number;
  processed: number;
  imported: number;
  failed: number;
  errors: string[];
  object_key: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  expiresAt: number;
};

export const importJobView = (job: ImportJobRecord) => ({
  job_id: job.id,
  campaign_id: job.campaign_id,
  status: job.status,
  total: job.total,
  processed: job.processed,
  imported: job.imported,
  failed: job.failed,
  errors: job.errors,
  progress: job.status === 'COMPLETED' ? 100 : job.total === 0 ? 0 : Math.floor((job.processed * 100) / job.total),
  created_at: job.created_at,
  updated_at: job.updated_at,
});
export type ImportJobView = ReturnType<typeof importJobView>;

/** The id of the contact a line of an import becomes: the same on every attempt of the import. */
export function importedContactId(jobId: string, line: number): string {
  const hex = createHash('sha256').update(`${jobId}:${line}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const duplicateInCampaign = (line: number) => ({ line, message: `Row ${line}: phone_number already exists in this campaign` });

/** Writes the entries' contacts into the campaign; how many were imported, and every row's error in line order. */
export async function importEntries(orgId: string, campaignId: string, jobId: string, entries: CsvEntry[], now = new Date()) {
  const at = now.toISOString();
  const errors: { line: number; message: string }[] = [];
  const contacts = [];
  for (const entry of entries) {
    if (entry.contact) contacts.push({ line: entry.line, record: contactRecord(orgId, campaignId, importedContactId(jobId, entry.line), entry.contact, at) });
    else errors.push({ line: entry.line, message: entry.error });
  }
  const sentinels = await batchGet<{ owner: string }>(
    contacts.map(({ record }) => contactPhoneKey(orgId, campaignId, record.phone_number)),
    { consistentRead: true },
  );
  let imported = 0;
  const fresh: typeof contacts = [];
  contacts.forEach((contact, i) => {
    const owner = sentinels[i]?.owner;
    if (owner === undefined) fresh.push(contact);
    else if (owner === contact.record.id) imported++;
    else errors.push(duplicateInCampaign(contact.line));
  });
  for (const group of chunk(fresh, ROWS_PER_TRANSACTION)) {
    try {
      await transact([countContacts(orgId, campaignId, group.length), ...group.flatMap(({ record }) => putContact(orgId, record))]);
      imported += group.length;
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'conflict') throw error;
      if (error.code === 'campaign_not_found') throw notFoundError('Campaign');
      for (const { line, record } of group) {
        if (await importOne(orgId, campaignId, record)) imported++;
        else errors.push(duplicateInCampaign(line));
      }
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { imported, errors: errors.map((error) => error.message) };
}

/** One contact alone: true when it is in the campaign now (written here or by an earlier attempt), false when its number is another's. */
async function importOne(orgId: string, campaignId: string, record: ReturnType<typeof contactRecord>): Promise<boolean> {
  try {
    await transact([countContacts(orgId, campaignId, 1), ...putContact(orgId, record)]);
    return true;
  } catch (error) {
    if (!(error instanceof AppError) || error.kind !== 'conflict') throw error;
    if (error.code === 'campaign_not_found') throw notFoundError('Campaign');
    if (error.code === 'contact_exists') return true;
    if (error.code !== 'contact_phone_exists') throw error;
    const sentinel = await table.get<{ owner: string }>(contactPhoneKey(orgId, campaignId, record.phone_number), { consistent: true });
    return sentinel?.owner === record.id;
  }
}

export type ImportResult = { done: ImportOutcome } | { queued: ImportJobView };

/** Imports the file into the caller's campaign, in the request or, when large, through the queue. */
export async function importCsv(caller: Caller, campaignId: string, file: Uint8Array, now = new Date()): Promise<ImportResult> {
  const orgId = caller.organizationId;
  await getCampaign(orgId, campaignId);
  const entries = readContactsCsv(file);
  const jobId = randomUUID();
  if (entries.length <= SYNC_ROWS) {
    const { imported, errors } = await importEntries(orgId, campaignId, jobId, entries, now);
    logger.info('contacts imported', { organizationId: orgId, campaignId, imported, failed: entries.length - imported });
    return { done: { imported, failed: entries.length - imported, total: entries.length, errors: errors.slice(0, MAX_ERRORS) } };
  }
  const job = newJob(caller, campaignId, jobId, 'PROCESSING', entries.length, now);
  await putObject(buckets.imports, job.object_key, file, { contentType: 'text/csv' });
  await table.put(job);
  await sendJob(queues.contactImport, { organization_id: orgId, job_id: jobId });
  logger.info('contacts import queued', { organizationId: orgId, campaignId, jobId, rows: entries.length });
  return { queued: importJobView(job) };
}

function newJob(caller: Caller, campaignId: string, jobId: string, status: ImportStatus, total: number, now: Date): ImportJobRecord {
  const orgId = caller.organizationId;
  const at = now.toISOString();
  return {
    ...contactImportKey(orgId, jobId),
    id: jobId,
    campaign_id: campaignId,
    status,
    total,
    processed: 0,
    imported: 0,
    failed: 0,
    errors: [],
    object_key: `contact-imports/${orgId}/${jobId}.csv`,
    created_by: caller.userId,
    created_at: at,
    updated_at: at,
    expiresAt: Math.floor(now.getTime() / 1000) + JOB_TTL_SECONDS,
  };
}

/** How long a presigned upload URL is valid. */
export const UPLOAD_URL_SECONDS = 900;

/**
 * A file larger than a request may carry (Lambda takes 6 MB) is PUT to a presigned URL
 * instead: this opens its job (UPLOADING) and answers the URL; startUploadedImport then
 * imports it through the queue.
 */
export async function openUpload(caller: Caller, campaignId: string, now = new Date()) {
  await getCampaign(caller.organizationId, campaignId);
  const job = newJob(caller, campaignId, randomUUID(), 'UPLOADING', 0, now);
  await table.put(job);
  const uploadUrl = await presignUpload(buckets.imports, job.object_key, { expiresIn: UPLOAD_URL_SECONDS });
  return { ...importJobView(job), upload_url: uploadUrl, expires_in: UPLOAD_URL_SECONDS };
}

/** Reads the uploaded file (422 when it is not a contacts CSV) and queues its import; once per job. */
export async function startUploadedImport(caller: Caller, jobId: string, now = new Date()): Promise<ImportJobView> {
  const orgId = caller.organizationId;
  const job = await getImportJob(orgId, jobId);
  const started = () => conflict('import_already_started', 'The import has already started');
  if (job.status !== 'UPLOADING') throw started();
  const bytes = await getObjectBytes(buckets.imports, job.object_key);
  if (!bytes) throw conflict('upload_missing', 'The file has not been uploaded yet');
  const total = readContactsCsv(bytes).length;
  const status: ImportStatus = total === 0 ? 'COMPLETED' : 'PROCESSING';
  const queued = await table.update<ImportJobRecord>(contactImportKey(orgId, jobId), 'SET #status = :status, #total = :total, #updated_at = :at', {
    condition: '#status = :uploading',
    names: { '#status': 'status', '#total': 'total', '#updated_at': 'updated_at' },
    values: { ':status': status, ':total': total, ':at': now.toISOString(), ':uploading': 'UPLOADING' },
    returning: 'new',
    onConditionFailure: started(),
  });
  if (status === 'PROCESSING') await sendJob(queues.contactImport, { organization_id: orgId, job_id: jobId });
  logger.info('contacts import queued', { organizationId: orgId, campaignId: job.campaign_id, jobId, rows: total });
  return importJobView(queued as ImportJobRecord);
}

export async function getImportJob(orgId: string, jobId: string): Promise<ImportJobRecord> {
  const job = await table.get<ImportJobRecord>(contactImportKey(orgId, jobId), { consistent: true });
  if (!job) throw notFoundError('Import job');
  return job;
}

/** The consumer's step: imports the job's next slice, counts it, and enqueues the rest. */
export async function continueImport(orgId: string, jobId: string, now = new Date()): Promise<void> {
  const job = await table.get<ImportJobRecord>(contactImportKey(orgId, jobId), { consistent: true });
  if (job?.status !== 'PROCESSING') return;
  const bytes = await getObjectBytes(buckets.imports, job.object_key);
  if (!bytes) return finish(orgId, job, 'FAILED', 'The import file is no longer stored', now);
  const slice = readContactsCsv(bytes).slice(job.processed, job.processed + SLICE_ROWS);
  let result: { imported: number; errors: string[] };
  try {
    result = await importEntries(orgId, job.campaign_id, job.id, slice, now);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') return finish(orgId, job, 'FAILED', 'The campaign was deleted', now);
    throw error;
  }
  const processed = job.processed + slice.length;
  const done = processed >= job.total;
  const counted = await table.update<ImportJobRecord>(
    contactImportKey(orgId, jobId),
    'SET #processed = :processed, #imported = #imported + :imported, #failed = #failed + :failed, #errors = :errors, #status = :status, #updated_at = :at',
    {
      condition: '#processed = :from AND #status = :processing',
      names: { '#processed': 'processed', '#imported': 'imported', '#failed': 'failed', '#errors': 'errors', '#status': 'status', '#updated_at': 'updated_at' },
      values: {
        ':processed': processed,
        ':imported': result.imported,
        ':failed': slice.length - result.imported,
        ':errors': [...job.errors, ...result.errors].slice(0, MAX_ERRORS),
        ':status': done ? 'COMPLETED' : 'PROCESSING',
        ':at': now.toISOString(),
        ':from': job.processed,
        ':processing': 'PROCESSING',
      },
      returning: 'new',
    },
  );
  // Another delivery of this job counted the slice first; it carries the import on.
  if (!counted) return;
  await publishImportProgress(orgId, importJobView(counted));
  if (done) {
    await notifyImportFinished(orgId, counted);
    await deleteObject(buckets.imports, job.object_key);
    logger.info('contacts import completed', { organizationId: orgId, jobId, imported: counted.imported, failed: counted.failed });
  } else {
    await sendJob(queues.contactImport, { organization_id: orgId, job_id: jobId });
  }
}

async function finish(orgId: string, job: ImportJobRecord, status: ImportStatus, reason: string, now: Date): Promise<void> {
  const ended = await table.update<ImportJobRecord>(contactImportKey(orgId, job.id), 'SET #status = :status, #errors = :errors, #updated_at = :at', {
    condition: '#status = :processing',
    names: { '#status': 'status', '#errors': 'errors', '#updated_at': 'updated_at' },
    values: { ':status': status, ':errors': [...job.errors, reason].slice(-MAX_ERRORS), ':at': now.toISOString(), ':processing': 'PROCESSING' },
    returning: 'new',
  });
  logger.warn('contacts import failed', { organizationId: orgId, jobId: job.id, reason });
  if (ended) await Promise.all([publishImportProgress(orgId, importJobView(ended)), notifyImportFinished(orgId, ended)]);
}
