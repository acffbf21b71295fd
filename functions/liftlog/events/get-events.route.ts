import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { liftlogRoute } from '../contract.ts';
import { dateTime, guid, jsonObject, nonBlank } from '../wire.ts';

const followed = jsonObject({ userId: guid(), followSecret: nonBlank(), since: dateTime() });

const event = z.object({
  userId: z.string(),
  eventId: z.string(),
  timestamp: z.string(),
  encryptedEventPayload: z.string(),
  encryptedEventIV: z.string(),
  expiry: z.string(),
});

export const getEventsRoute = liftlogRoute({
  method: 'POST',
  path: '/events',
  auth: 'none',
  handler: 'functions/liftlog/events/get-events.ts',
  memoryMb: 512,
  access: { table: 'read' },
  summary: 'The feed: events of each followed user newer than `since`, read with the follow secret they gave the caller',
  request: { body: jsonObject({ users: z.array(followed).check(z.minLength(1), z.maxLength(200)) }) },
  responses: {
    200: ok('The events, and the follow secrets that open nothing', z.object({ events: z.array(event), invalidFollowSecrets: z.array(z.string()) })),
  },
  objectIds: [{ object: 'user', from: 'body', field: 'users[].userId', owner: 'capability', capability: 'users[].followSecret' }],
});
