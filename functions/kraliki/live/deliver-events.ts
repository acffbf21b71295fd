/** The `live-events` consumer: each queued event posted to its audience's connections. */
import { liveEventsConsumer } from '#shared/ws/tenant-connections';
import { live } from './live.ts';

export const handler = liveEventsConsumer(live);
