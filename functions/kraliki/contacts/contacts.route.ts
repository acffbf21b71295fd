/**
 * /api/contacts: a campaign's contacts. Everyone of the organization reads
 * them and records call outcomes on them; SUPERVISORs and ADMINs delete them
 * and import CSV files (`POST /bulk-import`, answered at once up to 2,000 rows,
 * else 202 with a job whose progress `GET /bulk-import/{job_id}` reads; a file
 * over Lambda's 6 MB request limit goes to a presigned URL from
 * `POST /bulk-import/uploads`, then `POST /bulk-import/{job_id}/start`).
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';
import { buckets, queues } from '../resources.ts';
import { CONTACT_STATUSES } from './contacts.ts';
import { IMPORT_STATUSES } from './import.ts';

export const text = (max: number) => z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(max))));
export const metadata = z.optional(
  z.nullable(
    z.record(z.string(), z.unknown()).check(z.refine((value) => JSON.stringify(value).length <= 4000, { message: 'at most 4000 characters of JSON' })),
  ),
);
export const email = z.optional(z.nullable(z.email().check(z.maxLength(255))));
export const dateTime = z.optional(z.nullable(z.iso.datetime({ offset: true })));

export const contactSchema = z.object({
  id: z.string(),
  campaign_id: z.string(),
  phone_number: z.string(),
  name: z.nullable(z.string()),
  email: z.nullable(z.string()),
  status: z.enum(CONTACT_STATUSES),
  attempts: z.number(),
  last_attempt: z.nullable(z.string()),
  next_attempt: z.nullable(z.string()),
  outcome: z.nullable(z.string()),
  notes: z.nullable(z.string()),
  extra_metadata: z.nullable(z.record(z.string(), z.unknown())),
  created_at: z.string(),
  updated_at: z.string(),
});

const importOutcome = z.object({ imported: z.number(), failed: z.number(), total: z.number(), errors: z.array(z.string()) });
const importJob = z.object({
  job_id: z.string(),
  campaign_id: z.string(),
  status: z.enum(IMPORT_STATUSES),
  total: z.number(),
  processed: z.number(),
  imported: z.number(),
  failed: z.number(),
  errors: z.array(z.string()),
  progress: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const contact: ObjectId = { object: 'contact', from: 'path', field: 'contact_id', owner: 'tenant' };
export const byId = { params: z.object({ contact_id: id }) };
const supervisors = signedIn('SUPERVISOR or ADMIN');

export const listContactsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/contacts',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/list-contacts.ts',
  access: { table: 'read', secrets: ['auth'] },
  memoryMb: 512,
  summary: 'The organization’s contacts, or one campaign’s (`campaign_id`), newest first; `status` filters them',
  request: {
    query: z.object({
      campaign_id: z.optional(id),
      status: z.optional(z.enum(CONTACT_STATUSES)),
      skip: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(1_000_000)), 0),
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 50),
    }),
  },
  responses: {
    200: ok('A page of contacts', z.object({ contacts: z.array(contactSchema), total: z.number(), skip: z.number(), limit: z.number() })),
    ...signedIn(),
    404: notFoundInOrg('campaign'),
  },
  objectIds: [{ object: 'campaign', from: 'query', field: 'campaign_id', owner: 'tenant' }],
});

export const getContactRoute = kralikiRoute({
  method: 'GET',
  path: '/api/contacts/{contact_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/get-contact.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'One contact of the organization',
  request: byId,
  responses: { 200: ok('The contact', contactSchema), ...signedIn(), 404: notFoundInOrg('contact') },
  objectIds: [contact],
});

export const deleteContactRoute = kralikiRoute({
  method: 'DELETE',
  path: '/api/contacts/{contact_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/delete-contact.ts',
  access: { secrets: ['auth'] },
  summary: 'Deletes a contact (SUPERVISOR or ADMIN)',
  request: byId,
  responses: { 204: noContent('Deleted'), ...supervisors, 404: notFoundInOrg('contact'), 409: failure('contact_changed: changed meanwhile, try again') },
  objectIds: [contact],
});

export const bulkImportRoute = kralikiRoute({
  method: 'POST',
  path: '/api/contacts/bulk-import',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/bulk-import.ts',
  access: { secrets: ['auth'], buckets: { [buckets.imports]: 'write' }, sendsTo: [queues.contactImport] },
  timeoutSeconds: 29,
  memoryMb: 1024,
  summary:
    'Imports a CSV (multipart field `file`; header `phone_number,name,email,notes`, RFC 4180) into a campaign (SUPERVISOR or ADMIN): numbers in E.164, one contact per number in the campaign (the first row kept). Up to 2,000 rows answer the outcome; more answer 202 with an import job',
  request: {
    query: z.object({ campaign_id: id }),
    body: z.object({ file: z.object({ filename: z.string(), mimetype: z.string(), content: z.instanceof(Buffer) }) }),
    encodings: ['multipart'],
  },
  responses: {
    200: ok('The outcome: rows imported and failed, and the first 10 errors', importOutcome),
    202: ok('The import job, under way: its progress at GET /api/contacts/bulk-import/{job_id}', importJob),
    ...supervisors,
    404: notFoundInOrg('campaign'),
    422: failure('Not a CSV with a phone_number column, more than 50,000 rows, or no file'),
  },
  objectIds: [{ object: 'campaign', from: 'query', field: 'campaign_id', owner: 'tenant' }],
});

export const getImportRoute = kralikiRoute({
  method: 'GET',
  path: '/api/contacts/bulk-import/{job_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/get-import.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'A queued import’s progress (SUPERVISOR or ADMIN): rows processed, imported and failed, the first 10 errors, `progress` in percent',
  request: { params: z.object({ job_id: id }) },
  responses: { 200: ok('The import job', importJob), ...supervisors, 404: notFoundInOrg('import job') },
  objectIds: [{ object: 'import job', from: 'path', field: 'job_id', owner: 'tenant' }],
});

export const openUploadRoute = kralikiRoute({
  method: 'POST',
  path: '/api/contacts/bulk-import/uploads',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/open-upload.ts',
  access: { secrets: ['auth'], buckets: { [buckets.imports]: 'write' } },
  summary:
    'For a CSV larger than a request may carry (6 MB): opens an import job into a campaign (SUPERVISOR or ADMIN) and answers the URL to PUT the file to (valid `expires_in` seconds); then POST /api/contacts/bulk-import/{job_id}/start',
  request: { query: z.object({ campaign_id: id }) },
  responses: {
    201: ok('The job, UPLOADING, with its upload URL', z.object({ ...importJob.shape, upload_url: z.string(), expires_in: z.number() })),
    ...supervisors,
    404: notFoundInOrg('campaign'),
  },
  objectIds: [{ object: 'campaign', from: 'query', field: 'campaign_id', owner: 'tenant' }],
});

export const startUploadRoute = kralikiRoute({
  method: 'POST',
  path: '/api/contacts/bulk-import/{job_id}/start',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/start-upload.ts',
  access: { secrets: ['auth'], buckets: { [buckets.imports]: 'read' }, sendsTo: [queues.contactImport] },
  timeoutSeconds: 29,
  memoryMb: 1024,
  summary: 'Imports the file PUT to a job’s upload URL through the queue (SUPERVISOR or ADMIN); its progress at GET /api/contacts/bulk-import/{job_id}',
  request: { params: z.object({ job_id: id }) },
  responses: {
    202: ok('The import job, under way', importJob),
    ...supervisors,
    404: notFoundInOrg('import job'),
    409: failure('upload_missing: nothing was uploaded yet; import_already_started'),
    422: failure('The file is not a CSV with a phone_number column, or has more than 50,000 rows'),
  },
  objectIds: [{ object: 'import job', from: 'path', field: 'job_id', owner: 'tenant' }],
});
