/**
 * /api/reports: CSV exports, built by a queue and downloaded from a presigned
 * URL (reports.ts). SUPERVISOR or ADMIN, as the reference's supervisor views.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';
import { buckets, queues } from '../resources.ts';
import { REPORT_STATUSES, REPORT_TYPES } from './reports.ts';

const nullableString = z.nullable(z.string());
const reportSchema = z.object({
  id: z.string(),
  name: z.string(),
  report_type: z.enum(REPORT_TYPES),
  status: z.enum([...REPORT_STATUSES, 'expired']),
  format: z.literal('csv'),
  date_range_start: z.string(),
  date_range_end: z.string(),
  campaign_id: nullableString,
  requested_by: z.string(),
  requested_at: z.string(),
  completed_at: nullableString,
  file_size_bytes: z.nullable(z.number()),
  file_url: nullableString,
  expires_at: nullableString,
  summary: z.object({ rows: z.optional(z.number()) }),
  error_message: nullableString,
});
const reportId: ObjectId[] = [{ object: 'report', from: 'path', field: 'report_id', owner: 'tenant' }];
const byId = { params: z.object({ report_id: id }) };
const supervisorOnly = signedIn('SUPERVISOR or ADMIN');
const moment = z.optional(z.union([z.iso.datetime({ offset: true }), z.iso.date()]));

export const generateReportRoute = kralikiRoute({
  method: 'POST',
  path: '/api/reports/generate',
  auth: 'jwt',
  handler: 'functions/kraliki/reports/generate-report.ts',
  access: { secrets: ['auth'], table: 'readwrite', sendsTo: [queues.reportExport] },
  summary:
    'Asks for a CSV export (calls, daily summary, agent performance, campaign effectiveness) of a date range (default the last 30 days, at most 366); it is built in the background: read it until `completed`, then download `file_url`',
  request: {
    body: z.object({
      name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      report_type: z.enum(REPORT_TYPES),
      format: z._default(z.literal('csv'), 'csv'),
      date_range_start: moment,
      date_range_end: moment,
      campaign_id: z.optional(id),
    }),
  },
  responses: {
    202: ok('The report, pending', reportSchema),
    ...supervisorOnly,
    404: failure('campaign_not_found: no such campaign in the organization'),
    422: failure('Validation error: unknown report_type, a format other than csv, bad dates, a range backwards or over 366 days'),
  },
  objectIds: [{ object: 'campaign', from: 'body', field: 'campaign_id', owner: 'tenant' }],
});

export const listReportsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/reports',
  auth: 'jwt',
  handler: 'functions/kraliki/reports/list-reports.ts',
  access: { secrets: ['auth'], table: 'read', buckets: { [buckets.reports]: 'read' } },
  summary: 'The organization’s reports, newest first, optionally of one type or status',
  request: {
    query: z.object({
      report_type: z.optional(z.enum(REPORT_TYPES)),
      status: z.optional(z.enum(REPORT_STATUSES)),
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 100),
    }),
  },
  responses: { 200: ok('Reports', z.array(reportSchema)), ...supervisorOnly },
});

export const getReportRoute = kralikiRoute({
  method: 'GET',
  path: '/api/reports/{report_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/reports/get-report.ts',
  access: { secrets: ['auth'], table: 'read', buckets: { [buckets.reports]: 'read' } },
  summary: 'A report; once completed, `file_url` downloads its CSV for 5 minutes (a new URL on each read)',
  request: byId,
  responses: { 200: ok('The report', reportSchema), ...supervisorOnly, 404: notFoundInOrg('report') },
  objectIds: reportId,
});

export const deleteReportRoute = kralikiRoute({
  method: 'DELETE',
  path: '/api/reports/{report_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/reports/delete-report.ts',
  access: { secrets: ['auth'], buckets: { [buckets.reports]: 'write' } },
  summary: 'Deletes a report and its file',
  request: byId,
  responses: { 200: ok('Deleted', z.object({ status: z.literal('deleted'), id: z.string() })), ...supervisorOnly, 404: notFoundInOrg('report') },
  objectIds: reportId,
});
