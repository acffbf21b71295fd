/**
 * A correlation id follows the work a request causes: the `x-correlation-id`
 * of POST /user/delete reaches the erasure consumer's log lines through the
 * queue message, and the one of a hub's `$connect` reaches the lines of the
 * model turns its messages queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import liftlog from '../../../functions/liftlog/service.ts';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import { startTestRuntime } from '../../support/runtime.ts';
import { eventually, LiftlogApp } from '../app-client.ts';
import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

let runtime: LocalRuntime;
let app: LiftlogApp;
const lines: string[] = [];

beforeAll(async () => {
  runtime = await startTestRuntime({ services: [liftlog], log: (line) => lines.push(line) });
  app = new LiftlogApp(`${runtime.url}/liftlog`);
});
afterAll(() => runtime?.stop());

describe('correlation ids', () => {
  it('carries the id of POST /user/delete into the erasure it queues', async () => {
    const user = await app.createUser();
    const response = await fetch(`${runtime.url}/liftlog/user/delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'delete-4711' },
      body: JSON.stringify({ id: user.id, password: user.password }),
    });
    expect(response.status).toBe(200);
    await eventually(async () => lines.some((line) => line.includes('erasure finished') && line.includes(user.id)));
    expect(lines.find((line) => line.includes('erasure finished') && line.includes(user.id))).toContain('delete-4711');
  });

  it("carries the id of a hub's $connect into its messages' model turns", async () => {
    const connection = new HubConnectionBuilder()
      .withUrl(`${runtime.url}/liftlog/ai-chat-v2`, {
        transport: HttpTransportType.WebSockets,
        accessTokenFactory: () => 'Web local-web-api-key',
        headers: { 'x-correlation-id': 'connect-4712' },
      })
      .configureLogging(LogLevel.None)
      .build();
    await connection.start();
    try {
      await expect(connection.invoke('SendMessage', 'please [fail]', 3)).rejects.toThrow(/unexpected error/);
    } finally {
      await connection.stop();
    }
    await eventually(async () => lines.some((line) => line.includes('answering a turn failed')));
    expect(lines.find((line) => line.includes('answering a turn failed'))).toContain('connect-4712');
  });
});
