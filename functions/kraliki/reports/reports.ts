/**
 * Reports: CSV exports of the organization's calls and figures, for
 * SUPERVISORs and ADMINs (the reference's `/api/reports`, its generated-report
 * part; templates, schedules and the other formats were never built there).
 *
 * Every export goes the same way, whatever its size: `POST /generate` stores the
 * report `pending` and enqueues it (report-export queue); the consumer builds the
 * CSV, puts it in the `reports` bucket and marks the report `completed` with its
 * size and row count, then notifies the requester. `GET /{id}` answers a
 * presigned download URL valid for 5 minutes, minted on each read: an export's
 * size is not known before it is built, a response may not exceed Lambda's 6 MB,
 * and the URL keeps the file out of the function entirely. A report is its
 * organization's: its id in another organization is not found. Deleting it
 * deletes its file; the bucket drops files after 7 days (the report then says
 * `expired` and is generated again), the table the report after 30.
 *
 * Types: `call_analytics` (one row per call started in the range, optionally of
 * one campaign), `daily_summary` (one row per day, as /api/analytics/calls),
 * `agent_performance` and `campaign_effectiveness` (as /api/analytics/agents and
 * /campaigns). The range defaults to the 30 days up to the request, at most 366.
 */
import { randomUUID } from 'node:crypto';
import { invalid } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { expiresAt, isLive, onlyLive } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { sendJob } from '#shared/queue/send';
import { deleteObject, presignDownload, putObject } from '#shared/storage/objects';
import { agentPerformance, callAnalytics, campaignResults, rangeOf } from '../analytics/analytics.ts';
import type { Caller } from '../auth/roles.ts';
import { orgCalls } from '../calls/manage.ts';
import { getCampaign } from '../campaigns/campaigns.ts';
import { notFoundError } from '../errors.ts';
import { orgPartition, REPORT_PREFIX, reportKey } from '../keys.ts';
import { notify } from '../notifications/notifications.ts';
import { buckets, queues } from '../resources.ts';
import { toCsv } from './csv.ts';

export const REPORT_TYPES = ['call_analytics', 'daily_summary', 'agent_performance', 'campaign_effectiveness'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const REPORT_STATUSES = ['pending', 'completed', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const MAX_RANGE_DAYS = 366;
const DOWNLOAD_URL_SECONDS = 300;
const FILE_DAYS = 7;
/** A report's record outlives its file, so the list says `expired` for a while, then goes (TTL). */
const RECORD_SECONDS = 30 * 86_400;
const DAY_MS = 86_400_000;

interface ReportRecord {
  id: string;
  organization_id: string;
  name: string;
  report_type: ReportType;
  format: 'csv';
  status: ReportStatus;
  date_range_start: string;
  date_range_end: string;
  campaign_id: string | null;
  requested_by: string;
  requested_at: string;
  completed_at: string | null;
  file_key: string | null;
  file_size_bytes: number | null;
  summary: { rows?: number };
  error_message: string | null;
}

export const reportNotFound = () => notFoundError('Report');

/** The report as the API shows it; a completed one's `file_url` is presigned now, for 5 minutes. */
async function reportView(report: ReportRecord, now = new Date()) {
  const fileGone = report.status === 'completed' && now.getTime() - Date.parse(report.completed_at ?? report.requested_at) > FILE_DAYS * DAY_MS;
  const downloadable = report.status === 'completed' && report.file_key && !fileGone;
  return {
    id: report.id,
    name: report.name,
    report_type: report.report_type,
    status: fileGone ? ('expired' as const) : report.status,
    format: report.format,
    date_range_start: report.date_range_start,
    date_range_end: report.date_range_end,
    campaign_id: report.campaign_id,
    requested_by: report.requested_by,
    requested_at: report.requested_at,
    completed_at: report.completed_at,
    file_size_bytes: report.file_size_bytes,
    file_url: downloadable
      ? await presignDownload(buckets.reports, report.file_key!, {
          expiresIn: DOWNLOAD_URL_SECONDS,
          contentType: 'text/csv; charset=utf-8',
          contentDisposition: `attachment; filename="${report.report_type}-${report.id}.csv"`,
        })
      : null,
    expires_at: downloadable ? new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() : null,
    summary: report.summary,
    error_message: report.error_message,
  };
}

export interface ReportRequest {
  name?: string;
  report_type: ReportType;
  format: 'csv';
  date_range_start?: string;
  date_range_end?: string;
  campaign_id?: string;
}

export async function generateReport(caller: Caller, request: ReportRequest, now = new Date()) {
  const orgId = caller.organizationId;
  const { start, end } = rangeOf({ start_date: request.date_range_start, end_date: request.date_range_end }, MAX_RANGE_DAYS, now);
  if (request.campaign_id) {
    if (request.report_type !== 'call_analytics' && request.report_type !== 'campaign_effectiveness')
      throw invalid([{ field: 'campaign_id', reason: 'invalid', message: 'campaign_id applies to call_analytics and campaign_effectiveness reports' }]);
    await getCampaign(orgId, request.campaign_id);
  }
  const id = `${String(now.getTime()).padStart(13, '0')}-${randomUUID()}`;
  const report: ReportRecord = {
    id,
    organization_id: orgId,
    name: request.name ?? `${request.report_type} ${now.toISOString().slice(0, 10)}`,
    report_type: request.report_type,
    format: 'csv',
    status: 'pending',
    date_range_start: start.toISOString(),
    date_range_end: end.toISOString(),
    campaign_id: request.campaign_id ?? null,
    requested_by: caller.userId,
    requested_at: now.toISOString(),
    completed_at: null,
    file_key: null,
    file_size_bytes: null,
    summary: {},
    error_message: null,
  };
  await table.put({ ...reportKey(orgId, id), ...report, expiresAt: expiresAt(RECORD_SECONDS, now) });
  await sendJob(queues.reportExport, { organization_id: orgId, report_id: id }, { groupId: orgId });
  logger.info('report requested', { reportId: id, type: report.report_type });
  return reportView(report, now);
}

export async function listReports(caller: Caller, filter: { report_type?: ReportType; status?: ReportStatus; limit: number }) {
  const reports = await queryAll<ReportRecord>({
    ...onlyLive(keyQuery({ pk: orgPartition(caller.organizationId), sk: { beginsWith: REPORT_PREFIX } })),
    ScanIndexForward: false,
  });
  const now = new Date();
  return Promise.all(
    reports
      .filter((report) => (!filter.report_type || report.report_type === filter.report_type) && (!filter.status || report.status === filter.status))
      .slice(0, filter.limit)
      .map((report) => reportView(report, now)),
  );
}

async function requireReport(orgId: string, reportId: string): Promise<ReportRecord> {
  const report = await table.get<ReportRecord>(reportKey(orgId, reportId), { consistent: true });
  if (!report || !isLive(report as unknown as Record<string, unknown>)) throw reportNotFound();
  return report;
}

export const getReport = async (caller: Caller, reportId: string) => reportView(await requireReport(caller.organizationId, reportId));

export async function deleteReport(caller: Caller, reportId: string): Promise<{ status: 'deleted'; id: string }> {
  const report = await requireReport(caller.organizationId, reportId);
  await table.delete(reportKey(caller.organizationId, reportId));
  if (report.file_key) await deleteObject(buckets.reports, report.file_key);
  logger.info('report deleted', { reportId });
  return { status: 'deleted', id: reportId };
}

const CALL_COLUMNS = [
  'call_id',
  'direction',
  'status',
  'from_number',
  'to_number',
  'agent_id',
  'campaign_id',
  'contact_id',
  'start_time',
  'end_time',
  'duration',
  'disposition',
  'notes',
] as const;
const DAILY_COLUMNS = [
  'period',
  'total',
  'inbound',
  'outbound',
  'completed',
  'failed',
  'no_answer',
  'busy',
  'canceled',
  'total_duration',
  'avg_duration',
  'completion_rate',
];
const AGENT_COLUMNS = ['agent_id', 'agent_name', 'total_calls', 'completed_calls', 'avg_duration', 'completion_rate'];
const CAMPAIGN_COLUMNS = ['campaign_id', 'campaign_name', 'active', 'total_calls', 'completed_calls', 'completion_rate'];

/** The report's CSV and its row count, computed as the analytics routes compute their answers, for the organization. */
async function build(report: ReportRecord): Promise<{ csv: string; rows: number }> {
  const orgId = report.organization_id;
  // The figures of the whole organization, as the SUPERVISOR or ADMIN who asked sees them.
  const asRequester: Caller = { organizationId: orgId, userId: report.requested_by, role: 'SUPERVISOR' };
  const range = { start_date: report.date_range_start, end_date: report.date_range_end };
  switch (report.report_type) {
    case 'call_analytics': {
      const [from, to] = [Date.parse(report.date_range_start), Date.parse(report.date_range_end)];
      const calls = (await orgCalls(orgId))
        .filter((call) => {
          const started = Date.parse(call.start_time);
          return started >= from && started <= to && (!report.campaign_id || call.campaign_id === report.campaign_id);
        })
        .reverse();
      const rows = calls.map((call) => ({ ...call, call_id: call.id }));
      return { csv: toCsv(CALL_COLUMNS, rows), rows: rows.length };
    }
    case 'daily_summary': {
      const { metrics } = await callAnalytics(asRequester, { ...range, group_by: 'day' });
      return { csv: toCsv(DAILY_COLUMNS, metrics), rows: metrics.length };
    }
    case 'agent_performance': {
      const rows = await agentPerformance(asRequester, range);
      return { csv: toCsv(AGENT_COLUMNS, rows), rows: rows.length };
    }
    case 'campaign_effectiveness': {
      const rows = (await campaignResults(asRequester)).filter((row) => !report.campaign_id || row.campaign_id === report.campaign_id);
      return { csv: toCsv(CAMPAIGN_COLUMNS, rows), rows: rows.length };
    }
  }
}

/** A pending report whose export gave up: `failed`, with a message for the reader (never the error itself). */
export async function markReportFailed(orgId: string, reportId: string): Promise<void> {
  await table.update(reportKey(orgId, reportId), 'SET #status = :failed, error_message = :message', {
    condition: 'attribute_exists(pk) AND #status = :pending',
    names: { '#status': 'status' },
    values: { ':failed': 'failed', ':pending': 'pending', ':message': 'The export could not be built; generate the report again' },
  });
  logger.warn('report export failed for good', { reportId });
}

/**
 * The report-export job: builds a pending report's file and completes it. A redelivered job
 * for a completed report changes nothing; one that finds it deleted meanwhile removes the
 * file it just wrote. The requester is notified once (the notification's identity is the report).
 */
export async function exportReport(orgId: string, reportId: string): Promise<void> {
  const report = await table.get<ReportRecord>(reportKey(orgId, reportId), { consistent: true });
  if (report?.status !== 'pending') {
    logger.info('report export not needed', { reportId, status: report?.status });
    return;
  }
  const { csv, rows } = await build(report);
  const fileKey = `reports/${orgId}/${reportId}.csv`;
  const bytes = Buffer.from(csv, 'utf8');
  await putObject(buckets.reports, fileKey, bytes, { contentType: 'text/csv; charset=utf-8' });
  const completedAt = new Date().toISOString();
  const completed = await table.update(
    reportKey(orgId, reportId),
    'SET #status = :completed, completed_at = :now, file_key = :key, file_size_bytes = :size, summary = :summary',
    {
      condition: 'attribute_exists(pk) AND #status = :pending',
      names: { '#status': 'status' },
      values: { ':completed': 'completed', ':pending': 'pending', ':now': completedAt, ':key': fileKey, ':size': bytes.length, ':summary': { rows } },
    },
  );
  if (!completed) {
    const now = await table.get<ReportRecord>(reportKey(orgId, reportId), { consistent: true });
    if (!now) await deleteObject(buckets.reports, fileKey);
    return;
  }
  await notify(orgId, report.requested_by, {
    type: 'report_ready',
    title: 'Report ready',
    message: `Your report “${report.name}” is ready to download.`,
    data: { report_id: reportId },
    at: completedAt,
    dedupe: `report_ready:${reportId}`,
  });
  logger.info('report exported', { reportId, rows, bytes: bytes.length });
}
