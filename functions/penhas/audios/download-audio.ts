/** GET /me/audios/{event_id}/download: her recordings as one AAC file, inline or through a presigned URL. */
import { binary, empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { formError } from '../errors.ts';
import { downloadAudioRoute } from './audios.route.ts';
import { DOWNLOAD_CONTENT_TYPE, downloadRecordings, parseSequences } from './downloads.ts';
import { assertUploadsAllowed } from './recordings.ts';

export const handler = httpRoute(downloadAudioRoute, activeAccount, async ({ params, query, caller }) => {
  assertUploadsAllowed(caller.user);
  const sequences = parseSequences(query.audio_sequences);
  if (!sequences) throw formError('audio_sequences', 'invalid');
  const download = await downloadRecordings(caller.userId, params.event_id, sequences);
  if ('url' in download) return empty(302, { location: download.url, 'cache-control': 'private, no-store' });
  return binary(download.bytes, DOWNLOAD_CONTENT_TYPE);
});
