/** POST /events: the feed. Each followed user is read with the follow secret they gave the caller; no password. */
import * as z from 'zod/mini';
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { dateTime, guid, jsonObject, nonBlank } from '../wire.ts';
import { readFeed } from './events.ts';

const followed = jsonObject({ userId: guid(), followSecret: nonBlank(), since: dateTime() });
const body = jsonObject({ users: z.array(followed).check(z.minLength(1), z.maxLength(200)) });

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => json(await readFeed(body.users)));
