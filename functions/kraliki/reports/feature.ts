/** The reports feature's part of the Kraliki manifest, assembled by ../service.ts: its routes and the queue that builds exports. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { buckets, queues } from '../resources.ts';
import { deleteReportRoute, generateReportRoute, getReportRoute, listReportsRoute } from './reports.route.ts';

export const feature: FeatureManifest = {
  routes: [generateReportRoute, listReportsRoute, getReportRoute, deleteReportRoute],
  queues: [
    {
      name: queues.reportExport,
      consumer: {
        handler: 'functions/kraliki/reports/export-report.ts',
        timeoutSeconds: 300,
        memoryMb: 1024,
        access: { buckets: { [buckets.reports]: 'write' } },
      },
      // One export per invocation: each may read a year of calls.
      batchSize: 1,
      visibilityTimeoutSeconds: 360,
      // The report the organization asked for, read from that organization's partition only.
      objectIds: [{ object: 'report', from: 'message', field: 'report_id', owner: 'origin' }],
    },
  ],
};
