/** A contact's tags: replaced by names, added and removed by ids (agents and admins). */
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { contactResponse, tagIdsBody, tagNamesBody } from './contact-schema.ts';
import { contactId, contactIdParams } from './contacts.route.ts';

const responses = {
  200: ok('The contact with its tags', contactResponse),
  401: failure('Not authenticated'),
  403: failure('A viewer (read only)'),
  404: failure('Contact or tag not found (also for another organization’s)'),
  422: failure('Invalid input'),
};

export const replaceContactTagsRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/contacts/{contact_id}/tags',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/replace-contact-tags.ts',
  summary: "Sets the contact's tags to these names, creating tags that do not exist yet",
  request: { params: contactIdParams, body: tagNamesBody },
  objectIds: [contactId],
  responses,
});

export const addContactTagsRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/contacts/{contact_id}/tags',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/add-contact-tags.ts',
  summary: 'Adds tags (by id) to the contact',
  request: { params: contactIdParams, body: tagIdsBody },
  objectIds: [contactId, { object: 'tag', from: 'body', field: '[]', owner: 'tenant' }],
  responses,
});

export const removeContactTagsRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/contacts/{contact_id}/tags',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/remove-contact-tags.ts',
  summary: 'Removes tags (by id) from the contact',
  request: { params: contactIdParams, body: tagIdsBody },
  objectIds: [contactId],
  responses,
});
