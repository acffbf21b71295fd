/**
 * The audio evidence feature's part of the PenhaS manifest: her recordings
 * and their events, the `audio-analysis` queue that reads each stored
 * recording's duration and waveform, and the minute schedule that moves
 * events along their access lifecycle.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { buckets, queues } from '../resources.ts';
import { audioRoutes } from './audios.route.ts';

export const feature: FeatureManifest = {
  routes: audioRoutes,
  queues: [
    {
      name: queues.audioAnalysis,
      consumer: {
        handler: 'functions/penhas/audios/analyse-audio.ts',
        // A 35 MB recording decodes in well under a minute; an MP4 one is decoded whole (up to ~400 MB of PCM), so one job at a time.
        timeoutSeconds: 120,
        memoryMb: 1024,
        access: { buckets: { [buckets.audio]: 'read' } },
      },
      batchSize: 1,
      objectIds: [
        { object: 'user', from: 'message', field: 'user_id', owner: 'origin' },
        { object: 'audio event', from: 'message', field: 'event_id', owner: 'origin' },
      ],
    },
  ],
  schedules: [
    {
      name: 'audio-lifecycle',
      expression: 'rate(1 minute)',
      description: 'Blocks audio events 3 days old, hides them after 30 (40 when an admin freed them), deletes their recordings after 5 years',
      handler: 'functions/penhas/audios/tick-audio-statuses.ts',
      timeoutSeconds: 120,
      access: { buckets: { [buckets.audio]: 'readwrite' } },
    },
  ],
};
