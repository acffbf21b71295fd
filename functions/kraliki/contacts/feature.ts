/** The contacts feature's part of the Kraliki manifest, assembled by ../service.ts: its routes and the queue that imports large CSV files. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { buckets, queues } from '../resources.ts';
import { createContactRoute, updateContactRoute } from './contact-changes.route.ts';
import {
  bulkImportRoute,
  deleteContactRoute,
  getContactRoute,
  getImportRoute,
  listContactsRoute,
  openUploadRoute,
  startUploadRoute,
} from './contacts.route.ts';

export const feature: FeatureManifest = {
  routes: [
    listContactsRoute,
    createContactRoute,
    getContactRoute,
    updateContactRoute,
    deleteContactRoute,
    bulkImportRoute,
    getImportRoute,
    openUploadRoute,
    startUploadRoute,
  ],
  queues: [
    {
      name: queues.contactImport,
      consumer: {
        handler: 'functions/kraliki/contacts/import-consumer.ts',
        timeoutSeconds: 120,
        memoryMb: 1024,
        access: { buckets: { [buckets.imports]: 'readwrite' }, sendsTo: [queues.contactImport] },
      },
      // One slice per invocation: each job is one import's next 1,000 rows, and enqueues the one after.
      batchSize: 1,
      // The import the organization's upload started, read from that organization's partition only.
      objectIds: [{ object: 'import job', from: 'message', field: 'job_id', owner: 'origin' }],
    },
  ],
};
