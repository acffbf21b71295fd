/** Hourly: erasures whose queue message was lost (or never sent) are queued again. */
import { resumeStalledErasures } from './erasure.ts';

export const handler = async (): Promise<void> => {
  const resumed = await resumeStalledErasures();
  if (resumed) console.log(JSON.stringify({ level: 'INFO', message: 'resumed stalled erasures', count: resumed }));
};
