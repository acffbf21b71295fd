/** POST /inbox: the caller's inbox messages, deleted as they are returned (read-once). */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { password } from '../users/authenticate.ts';
import { takeMessages } from './inbox.ts';
import { takeInboxMessagesRoute } from './take-inbox-messages.route.ts';

export const handler = httpRoute(takeInboxMessagesRoute, password('userId'), async ({ caller }) => json({ inboxMessages: await takeMessages(caller.id) }));
