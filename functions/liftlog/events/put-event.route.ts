import { failure, noContent } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';
import { base64Bytes, dateTime, guid, jsonObject, nonBlank } from '../wire.ts';

export const putEventRoute = liftlogRoute({
  method: 'PUT',
  path: '/event',
  auth: 'password',
  handler: 'functions/liftlog/events/put-event.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  summary: "Publishes (or re-publishes) one of the caller's encrypted feed events",
  request: {
    body: jsonObject({
      userId: guid(),
      password: nonBlank(),
      eventId: guid(),
      encryptedEventPayload: base64Bytes({ min: 1, max: 15_360 }),
      encryptedEventIV: base64Bytes({ min: 1, max: 16 }),
      expiry: dateTime(),
    }),
  },
  responses: { 200: noContent('Published'), 401: failure('Wrong password'), 404: failure('No such user') },
  objectIds: [
    { object: 'user', from: 'body', field: 'userId', owner: 'caller' },
    { object: 'event', from: 'body', field: 'eventId', owner: 'caller' },
  ],
});
