/** Consumer of the campaign-dial queue (dialer-jobs.ts): sweeps a campaign, dials a contact, or settles a dialed call's outcome. */
import { queueConsumer } from '#shared/queue/consume';
import { dialContact, recordOutcome, sweepCampaign } from './dialer.ts';
import { dialerJob } from './dialer-jobs.ts';

export const handler = queueConsumer(dialerJob, async (job) => {
  if (job.kind === 'sweep') await sweepCampaign(job);
  else if (job.kind === 'dial') await dialContact(job);
  else await recordOutcome(job);
});
