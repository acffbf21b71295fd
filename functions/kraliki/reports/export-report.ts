/** Consumer of the report-export queue: builds one report's CSV into the reports bucket (reports.ts). */
import * as z from 'zod/mini';
import { queueConsumer } from '#shared/queue/consume';
import { exportReport } from './reports.ts';

const reportJob = z.object({ organization_id: z.string(), report_id: z.string() });

export const handler = queueConsumer(reportJob, (job) => exportReport(job.organization_id, job.report_id));
