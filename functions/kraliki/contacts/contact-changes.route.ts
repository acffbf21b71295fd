/**
 * The contact routes that take a phone number (create, update). Apart from
 * contacts.route.ts because the number is checked with libphonenumber-js's
 * full metadata (settings/phone-numbers.ts): declared there, it would load at
 * every cold start of the routes that never read a number.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';
import { toE164 } from '../settings/phone-numbers.ts';
import { byId, contact, contactSchema, dateTime, email, metadata, text } from './contacts.route.ts';
import { CONTACT_STATUSES } from './contacts.ts';

const phone = z.string().check(
  z.maxLength(32),
  z.refine((value) => toE164(value) !== undefined, { message: 'not a valid international (E.164) phone number' }),
);

export const createContactRoute = kralikiRoute({
  method: 'POST',
  path: '/api/contacts',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/create-contact.ts',
  access: { secrets: ['auth'] },
  summary: 'Adds a contact to a campaign of the organization; its number is stored in E.164, once per campaign',
  request: {
    body: z.object({ campaign_id: id, phone_number: phone, name: text(255), email, notes: text(2000), extra_metadata: metadata }),
  },
  responses: {
    201: ok('The contact (PENDING)', contactSchema),
    ...signedIn(),
    404: notFoundInOrg('campaign'),
    409: failure('contact_phone_exists: the campaign has a contact with this number'),
  },
  objectIds: [{ object: 'campaign', from: 'body', field: 'campaign_id', owner: 'tenant' }],
});

export const updateContactRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/contacts/{contact_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/contacts/update-contact.ts',
  access: { secrets: ['auth'] },
  summary: 'Changes a contact: details, status (DO_NOT_CALL keeps it from being dialed), attempts and their times, outcome',
  request: {
    ...byId,
    body: z.object({
      phone_number: z.optional(phone),
      name: text(255),
      email,
      status: z.optional(z.enum(CONTACT_STATUSES)),
      attempts: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1000))),
      last_attempt: dateTime,
      next_attempt: dateTime,
      outcome: text(100),
      notes: text(2000),
      extra_metadata: metadata,
    }),
  },
  responses: {
    200: ok('The contact as changed', contactSchema),
    ...signedIn(),
    404: notFoundInOrg('contact'),
    409: failure('contact_phone_exists: the campaign has another contact with this number; contact_changed: changed meanwhile, try again'),
  },
  objectIds: [contact],
});
