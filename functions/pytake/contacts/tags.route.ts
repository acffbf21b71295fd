/** The organization's contact tags: everyone reads them; agents and admins change them. */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { uuid } from '../params.ts';
import { createTagBody, tagResponse, updateTagBody } from './contact-schema.ts';

const tagIdParams = z.object({ tag_id: uuid() });
const tagId: ObjectId = { object: 'tag', from: 'path', field: 'tag_id', owner: 'tenant' };

const notAuthenticated = failure('Not authenticated');
const notStaff = failure('A viewer (read only)');
const notFound = failure('Tag not found (also for another organization’s)');
const badInput = failure('Invalid input');

export const listTagsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/contacts/tags',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/list-tags.ts',
  summary: "The organization's tags, by name",
  request: {},
  responses: { 200: ok('Tags', z.array(tagResponse)), 401: notAuthenticated },
});

export const createTagRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/contacts/tags',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/create-tag.ts',
  summary: 'Creates a tag (names are unique in the organization, whatever their case)',
  request: { body: createTagBody },
  responses: { 201: ok('Created', tagResponse), 401: notAuthenticated, 403: notStaff, 409: failure("Tag '…' already exists"), 422: badInput },
});

export const getTagRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/contacts/tags/{tag_id}',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/get-tag.ts',
  summary: 'A tag',
  request: { params: tagIdParams },
  objectIds: [tagId],
  responses: { 200: ok('The tag', tagResponse), 401: notAuthenticated, 404: notFound, 422: badInput },
});

export const updateTagRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/contacts/tags/{tag_id}',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/update-tag.ts',
  summary: 'Renames or recolors a tag',
  request: { params: tagIdParams, body: updateTagBody },
  objectIds: [tagId],
  responses: { 200: ok('Updated', tagResponse), 401: notAuthenticated, 403: notStaff, 404: notFound, 409: failure("Tag '…' already exists"), 422: badInput },
});

export const deleteTagRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/contacts/tags/{tag_id}',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/delete-tag.ts',
  summary: 'Deletes a tag (contacts stop showing it)',
  request: { params: tagIdParams },
  objectIds: [tagId],
  responses: { 204: noContent('Deleted'), 401: notAuthenticated, 403: notStaff, 404: notFound, 422: badInput },
});
