/**
 * A deleted account takes her side of the chats with it: the chats' items
 * (and so their keys: what is left of their messages can never be opened),
 * her name items in the user search; the other participant's list no longer
 * shows the chat and its chat_auth answers the original's error.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const chatIdOf = (chatAuth: string): string => JSON.parse(Buffer.from(chatAuth.split('.')[1], 'base64url').toString()).id;

describe('deleting an account with chats', () => {
  it('removes her chats, their keys and her search entries; the other sees the chat gone', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const mariaAuth = (await h.app.post('/me/chats-session', { apiKey: maria.session, query: { cliente_id: ana.id } })).body.chat_auth;
    expect((await h.app.post('/me/chats-messages', { apiKey: maria.session, query: { chat_auth: mariaAuth, message: 'até logo' } })).status).toBe(200);
    const anaAuth = (await h.app.get('/me/chats', { apiKey: ana.session })).body.rows[0].chat_auth;
    const directory = (await h.table.partition(`USER#${maria.id}`)).find((item) => item.sk === 'CHAT_DIRECTORY');
    const names = directory?.refs as Array<{ pk: string; sk: string }>;
    expect(names.length).toBeGreaterThan(0);

    expect((await h.app.delete('/me', { apiKey: maria.session, query: { senha_atual: maria.password, app_version: 'test' } })).status).toBe(204);
    const user = (await h.table.partition(`USER#${maria.id}`)).find((item) => item.sk === 'PROFILE')!;
    const past = '2020-01-01T00:00:00.000Z';
    await h.table.put({ ...user, perform_delete_at: past, gsi1sk: `${past}#${maria.id}` });
    expect((await fetch(`${runtime.url}/_local/schedules/penhas/account-deletions`, { method: 'POST' })).status).toBe(202);
    await eventually(async () => (await h.table.partition(`USER#${maria.id}`)).length === 0, { what: 'her partition emptied', intervalMs: 200 });

    const chat = await h.table.partition(`CHAT#${chatIdOf(mariaAuth)}`);
    expect(chat.find((item) => item.sk === 'CHAT')).toBeUndefined();
    for (const name of names) expect((await h.table.partition(name.pk)).find((item) => item.sk === name.sk)).toBeUndefined();
    expect((await h.app.get('/me/chats', { apiKey: ana.session })).body.rows).toEqual([]);
    // Her list dropped the chat of the deleted account.
    expect((await h.table.partition(`USER#${ana.id}`)).some((item) => String(item.sk).startsWith('CHAT_MEMBER#'))).toBe(false);
    expect((await h.app.get('/me/chats-messages', { apiKey: ana.session, query: { chat_auth: anaAuth } })).body.error).toBe('chat_session_not_found');
  });
});
