/**
 * Import progress as a live event. Every counted slice of a queued import
 * (and its end) is handed here and announced to the organization's
 * supervisors and admins (`import:progress`, live/live.ts), the same view
 * GET /api/contacts/bulk-import/{job_id} answers.
 */
import { publishLiveEvent } from '../live/live.ts';
import type { ImportJobView } from './import.ts';

export async function publishImportProgress(organizationId: string, progress: ImportJobView): Promise<void> {
  await publishLiveEvent(organizationId, { type: 'import:progress', ...progress });
}
