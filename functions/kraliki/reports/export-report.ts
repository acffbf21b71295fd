/**
 * Consumer of the report-export queue: builds one report's CSV into the reports bucket (reports.ts).
 * A job failing on its last receive marks its report `failed` before the queue moves it to the DLQ,
 * so the report does not stay `pending` for ever.
 */
import * as z from 'zod/mini';
import { queueConsumer } from '#shared/queue/consume';
import { exportReport, markReportFailed } from './reports.ts';

const reportJob = z.object({ organization_id: z.string(), report_id: z.string() });

/** The queue's maxReceiveCount (the manifest's default). */
const MAX_RECEIVES = 5;

export const handler = queueConsumer(reportJob, async (job, record) => {
  try {
    await exportReport(job.organization_id, job.report_id);
  } catch (error) {
    if (Number(record.attributes.ApproximateReceiveCount) >= MAX_RECEIVES) await markReportFailed(job.organization_id, job.report_id);
    throw error;
  }
});
