/**
 * Her guardians, as the app manages them: the list, an invite, a rename, a
 * removal, and the panic alert. Parameters come in the query string or a form
 * body, as the app sends them.
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { activeAccountFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { text } from '../params.ts';
import { queues } from '../resources.ts';

const flag = z.union([z.literal(0), z.literal(1)]);

const guardianData = z.object({
  id: z.number(),
  nome: z.string(),
  celular_formatted_as_national: z.string(),
  is_accepted: flag,
  is_pending: flag,
  is_expired: flag,
  created_at: z.string(),
  expires_at: z.string(),
});

const guardianId: ObjectId[] = [{ object: 'guardian', from: 'path', field: 'guard_id', owner: 'caller' }];
const guardIdParam = z.object({ guard_id: z.string() });

export const listGuardiansRoute = penhasRoute({
  method: 'GET',
  path: '/me/guardioes',
  auth: 'api-key',
  handler: 'functions/penhas/guardians/list-guardians.ts',
  summary: 'Her guardians by group (accepted always; pending, expired and refused when there are any), and the invites she has left',
  request: {},
  responses: {
    200: ok(
      'The groups, each with the texts and actions the app shows (`remaing_invites`, sic)',
      z.object({
        remaing_invites: z.number(),
        invites_max: z.number(),
        guards: z.array(
          z.object({
            meta: z.object({
              header: z.string(),
              description: z.string(),
              layout: z.enum(['accepted', 'pending']),
              can_delete: flag,
              can_edit: flag,
              can_resend: flag,
              delete_warning: z.string(),
            }),
            rows: z.array(z.object({ id: z.number(), nome: z.string(), celular: z.string(), subtexto: z.string() })),
          }),
        ),
      }),
    ),
    ...activeAccountFailures,
  },
});

export const inviteGuardianRoute = penhasRoute({
  method: 'POST',
  path: '/me/guardioes',
  auth: 'api-key',
  handler: 'functions/penhas/guardians/invite-guardian.ts',
  access: { sendsTo: [queues.sms] },
  summary:
    'Invites a guardian by SMS (a link to accept); the number she already invited is answered as it is, one she removed less than a day ago is invited again',
  request: { body: z.object({ nome: text({ max: 200 }), celular: text() }), encodings: ['urlencoded'], mergeQuery: true },
  responses: {
    200: ok('The invite, with the title and message the app shows', z.object({ title: z.string(), message: z.string(), data: guardianData })),
    ...activeAccountFailures,
    400: failure('form_error, parser_error, number_is_not_mobile, contry_not_allowed, max_invites_reached, recent_refused, already_locked; or expired_jwt'),
  },
});

export const renameGuardianRoute = penhasRoute({
  method: 'PUT',
  path: '/me/guardioes/{guard_id}',
  auth: 'api-key',
  handler: 'functions/penhas/guardians/rename-guardian.ts',
  summary: 'Renames one of her guardians',
  request: { params: guardIdParam, body: z.object({ nome: text({ max: 200 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: {
    200: ok('Renamed', z.object({ message: z.string(), data: guardianData })),
    ...activeAccountFailures,
    404: failure('No such guardian of hers (item_not_found), or the account is not active'),
  },
  objectIds: guardianId,
});

export const removeGuardianRoute = penhasRoute({
  method: 'DELETE',
  path: '/me/guardioes/{guard_id}',
  auth: 'api-key',
  handler: 'functions/penhas/guardians/remove-guardian.ts',
  summary: 'Removes one of her guardians (an accepted one stops receiving her alerts at once)',
  request: { params: guardIdParam },
  responses: {
    204: noContent('Removed (also when it already was)'),
    ...activeAccountFailures,
    404: failure('No such guardian of hers (item_not_found), or the account is not active'),
  },
  objectIds: guardianId,
});

export const alertGuardiansRoute = penhasRoute({
  method: 'POST',
  path: '/me/guardioes/alert',
  auth: 'api-key',
  handler: 'functions/penhas/guardians/alert-guardians.ts',
  access: { sendsTo: [queues.sms] },
  summary: 'The panic button: records the press, and (at most once a minute and 10 times a day) sends each accepted guardian an SMS with her location',
  request: {
    body: z.object({ gps_lat: z.optional(text({ max: 100 })), gps_long: z.optional(text({ max: 100 })) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok('How many guardians are being alerted, as the app shows it', z.object({ title: z.string(), message: z.string() })),
    ...activeAccountFailures,
    400: failure('gps_position_invalid, too_many_alerts (1 a minute, 10 a day), form_error; or expired_jwt'),
  },
});

export const guardiansRoutes = [listGuardiansRoute, inviteGuardianRoute, renameGuardianRoute, removeGuardianRoute, alertGuardiansRoute];
