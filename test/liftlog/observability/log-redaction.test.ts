/**
 * What the functions log never holds a password, a pro token, a follow
 * secret, an encrypted message or a phone number, even for requests that
 * fail while carrying them; and every line names its function and the request
 * it belongs to (the correlation id a caller sends, else the gateway's
 * request id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import liftlog from '../../../functions/liftlog/service.ts';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import { startTestRuntime } from '../../support/runtime.ts';
import { eventually, LiftlogApp, randomB64, type Identity } from '../app-client.ts';
import { ChatClient } from '../coach/hub-client.ts';

const WEB_AUTHORIZATION = 'Web local-web-api-key';

let runtime: LocalRuntime;
let app: LiftlogApp;
let user: Identity;
const lines: string[] = [];

beforeAll(async () => {
  runtime = await startTestRuntime({ services: [liftlog], log: (line) => lines.push(line) });
  app = new LiftlogApp(`${runtime.url}/liftlog`);
  user = await app.createUser();
});
afterAll(() => runtime?.stop());

/** Sends `body` with a correlation id, so the test can find the request's lines. */
async function failing(method: string, path: string, body: unknown, correlationId: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${runtime.url}/liftlog${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

function refusedConnection(authorization: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${runtime.url.replace(/^http/, 'ws')}/liftlog/ai-chat-v2`, { headers: { authorization } });
    ws.on('error', () => undefined);
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('the connection was accepted')));
  });
}

describe('function logs', () => {
  it('hold no password, pro token, secret, message body or phone number of failing requests', async () => {
    const wrongPassword = `pw-${crypto.randomUUID()}`.slice(0, 40);
    const proToken = `token-${crypto.randomUUID()}`;
    const followSecret = `secret-${crypto.randomUUID()}`.slice(0, 40);
    const encryptedMessage = randomB64(48);
    const phone = '+5511987654321';

    // A password: wrong, and too long to be one.
    expect(await failing('POST', '/inbox', { userId: user.id, password: wrongPassword }, 'redaction-password')).toBe(401);
    expect(await failing('POST', '/user/delete', { id: user.id, password: `${wrongPassword}${wrongPassword}` }, 'redaction-long-password')).toBe(400);
    // A pro token: a wrong web key, a store this deployment has no credentials for, a refused connection.
    expect(await failing('POST', '/ai-chat-v2/negotiate', undefined, 'redaction-web-token', { authorization: `Web ${proToken}` })).toBe(401);
    expect(await failing('POST', '/ai-chat-v2/negotiate', undefined, 'redaction-store-token', { authorization: `GooglePlay ${proToken}` })).toBe(401);
    expect(await failing('POST', '/ai/workout', { any: 'thing' }, 'redaction-rest-token', { authorization: `Bearer RevenueCat ${proToken}` })).toBe(401);
    expect(await refusedConnection(`AppleAppStore ${proToken}`)).toBe(401);
    // A follow secret: with a wrong password, and on a malformed feed request.
    expect(await failing('PUT', '/follow-secret', { userId: user.id, password: wrongPassword, followSecret }, 'redaction-secret')).toBe(401);
    expect(await failing('POST', '/events', { users: [{ userId: user.id, followSecret, since: 'yesterday' }] }, 'redaction-feed')).toBe(400);
    // An encrypted message: to nobody, and malformed.
    expect(await failing('PUT', '/inbox', { toUserId: crypto.randomUUID(), encryptedMessage: [encryptedMessage] }, 'redaction-message')).toBe(404);
    expect(await failing('PUT', '/inbox', { toUserId: user.id, encryptedMessage: [`${encryptedMessage}!`] }, 'redaction-bad-message')).toBe(400);
    // A phone number: as a name that is not base64, as a lookup, and in a chat message the model fails on.
    expect(await failing('PUT', '/user', { id: user.id, password: user.password, encryptedName: phone }, 'redaction-phone')).toBe(400);
    expect(await failing('GET', `/user/${encodeURIComponent(phone)}`, undefined, 'redaction-lookup')).toBe(404);
    const chat = await ChatClient.open(`${runtime.url}/liftlog/ai-chat-v2`, WEB_AUTHORIZATION);
    try {
      await expect(chat.invoke('SendMessage', `please [fail], call me on ${phone}`, 3)).rejects.toThrow(/unexpected error/);
    } finally {
      await chat.stop();
    }

    // Lines reach the runtime a moment after the responses.
    await eventually(async () => lines.some((line) => /answering a turn failed/.test(line)) && lines.some((line) => line.includes('redaction-bad-message')));
    for (const sensitive of [wrongPassword, user.password, proToken, followSecret, encryptedMessage, phone, phone.slice(1)]) {
      expect(lines.filter((line) => line.includes(sensitive))).toEqual([]);
    }
  });

  it("name the function and carry the request's correlation id", async () => {
    expect(await failing('POST', '/inbox', { userId: user.id, password: 'not-the-password' }, 'redaction-named')).toBe(401);
    await eventually(async () => lines.some((line) => line.includes('redaction-named')));
    const named = lines.filter((line) => line.includes('redaction-named'));
    for (const line of named) expect(line).toMatch(/liftlog[-/]inbox-take-inbox-messages/);
  });
});
