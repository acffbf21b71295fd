/** POST /users: the public profiles of up to 200 users at once; unknown ids are left out. No auth. */
import * as z from 'zod/mini';
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { guid, jsonObject } from '../wire.ts';
import { viewsOf } from './users.ts';

const body = jsonObject({ ids: z.array(guid()).check(z.minLength(1), z.maxLength(200)) });

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => json({ users: await viewsOf(body.ids) }));
