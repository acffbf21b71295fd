/** Hourly: finishes the profile-picture moves that requests were cut short in (profile-pictures.ts). */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { finishStalledMoves } from './profile-pictures.ts';

export const handler = observed(async () => {
  const { finished, failed } = await finishStalledMoves();
  if (finished || failed) {
    count('PictureMovesFinished', finished);
    count('PictureMovesFailed', failed);
    logger.info('finished stalled picture moves', { finished, failed });
  }
});
