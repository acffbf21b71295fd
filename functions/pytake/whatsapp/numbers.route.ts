/** The organization's WhatsApp numbers: `/api/v1/whatsapp` (admins register and change them; every member reads them). */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { uuid } from '../params.ts';
import { createNumberBody, numberResponse, updateNumberBody } from './number-schema.ts';

export const numberIdParams = z.object({ number_id: uuid() });
export const numberId: ObjectId = { object: 'whatsapp number', from: 'path', field: 'number_id', owner: 'tenant' };

const unauthenticated = { 401: failure('Not authenticated') };
const notFound = { 404: failure('WhatsApp number not found (also for a number of another organization)') };
const invalid = { 422: failure('Invalid input') };

export const createNumberRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/whatsapp',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/create-number.ts',
  // Seals or opens the number's credentials (secrets-at-rest.ts).
  access: { dataKeys: true },
  summary: 'Registers a WhatsApp Cloud API number (admins only); its access token and app secret are encrypted at rest and never answered',
  request: { body: createNumberBody },
  responses: {
    201: ok('Registered', numberResponse),
    ...unauthenticated,
    403: failure('Not an admin'),
    409: failure('Phone number already registered (its phone_number_id is taken, in any organization)'),
    ...invalid,
  },
});

export const listNumbersRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/whatsapp',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/list-numbers.ts',
  summary: "The organization's WhatsApp numbers, oldest first",
  request: {},
  responses: { 200: ok('The numbers', z.array(numberResponse)), ...unauthenticated },
});

export const getNumberRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/whatsapp/{number_id}',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/get-number.ts',
  summary: 'A WhatsApp number of the organization',
  request: { params: numberIdParams },
  objectIds: [numberId],
  responses: { 200: ok('The number', numberResponse), ...unauthenticated, ...notFound, ...invalid },
});

export const updateNumberRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/whatsapp/{number_id}',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/update-number.ts',
  // Seals or opens the number's credentials (secrets-at-rest.ts).
  access: { dataKeys: true },
  summary: 'Changes a number: display name, activation, away message, default chatbot or department, credentials (admins only)',
  request: { params: numberIdParams, body: updateNumberBody },
  objectIds: [numberId],
  responses: { 200: ok('Updated', numberResponse), ...unauthenticated, 403: failure('Not an admin'), ...notFound, ...invalid },
});

export const deleteNumberRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/whatsapp/{number_id}',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/delete-number.ts',
  summary: 'Removes a number and its webhook lookups (admins only); its phone_number_id can be registered again',
  request: { params: numberIdParams },
  objectIds: [numberId],
  responses: { 204: noContent('Deleted'), ...unauthenticated, 403: failure('Not an admin'), ...notFound, ...invalid },
});
