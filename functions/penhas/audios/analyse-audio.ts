/** The `audio-analysis` queue's consumer: a stored recording's duration and waveform. */
import * as z from 'zod/mini';
import { queueConsumer } from '#shared/queue/consume';
import { analyseRecording } from './analysis-job.ts';

const job = z.object({ user_id: z.number(), event_id: z.string(), event_sequence: z.number() });

export const handler = queueConsumer(job, analyseRecording, { concurrency: 1 });
