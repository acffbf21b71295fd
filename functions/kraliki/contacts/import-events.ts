/**
 * Import progress as a live event. Every counted slice of a queued import
 * (and its end) is handed here; the live events feature publishes it to the
 * organization's connections. Until it does, progress is read through
 * GET /api/contacts/bulk-import/{job_id}, and this hook does nothing.
 */
import type { ImportJobView } from './import.ts';

export async function publishImportProgress(_organizationId: string, _progress: ImportJobView): Promise<void> {}
