import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addresses } from '../../../../infra/local/addresses.ts';
import { ROOT } from '../../../../infra/local/lambda/build.ts';
import type { OutboxRecord } from '../../../../shared/providers/outbox.ts';
import objectStoreService from '../../../fixtures/object-store-service/service.ts';
import { eventually } from '../../../support/eventually.ts';
import { sharedRuntime, startTestRuntime } from '../../../support/runtime.ts';

const runtime = sharedRuntime({ services: [objectStoreService] });
let outboxUrl: string;

beforeAll(() => {
  outboxUrl = addresses.outbox(runtime.url);
});
beforeEach(() => runtime.outbox.clear());

const post = (message: unknown, url = outboxUrl) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });

async function list(query = '', url = outboxUrl): Promise<OutboxRecord[]> {
  const response = await fetch(`${url}${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: OutboxRecord[] }).messages;
}

describe('POST /_local/outbox', () => {
  it('stores a message and answers 201 with the record', async () => {
    const before = Date.now();
    const response = await post({ channel: 'sms', to: '+5511999990000', service: 'penhas', payload: { text: 'hi' } });
    const after = Date.now();
    expect(response.status).toBe(201);
    const record = (await response.json()) as OutboxRecord;
    expect(record).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      channel: 'sms',
      to: '+5511999990000',
      service: 'penhas',
      payload: { text: 'hi' },
    });
    expect(Date.parse(record.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(record.at)).toBeLessThanOrEqual(after);
    expect(runtime.outbox.list()).toEqual([record]);
  });

  it('accepts any channel and records a missing service as null', async () => {
    const record = (await (await post({ channel: 'whatsapp', to: '5511999990000', payload: { template: 'otp' } })).json()) as OutboxRecord;
    expect(record.channel).toBe('whatsapp');
    expect(record.service).toBeNull();
  });

  it('answers 400 for a body without channel, to or payload, or that is not JSON', async () => {
    for (const bad of [
      { to: 'x', payload: 1 },
      { channel: 'sms', payload: 1 },
      { channel: 'sms', to: 'x' },
    ]) {
      const response = await post(bad);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/channel|to|payload/);
    }
    expect((await fetch(outboxUrl, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect(runtime.outbox.list()).toEqual([]);
  });
});

describe('GET /_local/outbox', () => {
  it('lists messages oldest first, filtered by channel, to, service and since', async () => {
    await post({ channel: 'sms', to: 'a', service: 'penhas', payload: 1 });
    const { at } = (await (await post({ channel: 'email', to: 'a', service: 'pytake', payload: 2 })).json()) as OutboxRecord;
    // `since` is inclusive: it must come after the second record's instant.
    await eventually(() => Date.now() > Date.parse(at), { intervalMs: 1 });
    const since = new Date().toISOString();
    await post({ channel: 'sms', to: 'b', service: 'penhas', payload: 3 });

    expect((await list()).map((m) => m.payload)).toEqual([1, 2, 3]);
    expect((await list('?channel=sms')).map((m) => m.payload)).toEqual([1, 3]);
    expect((await list('?to=a')).map((m) => m.payload)).toEqual([1, 2]);
    expect((await list('?service=pytake')).map((m) => m.payload)).toEqual([2]);
    expect((await list(`?since=${encodeURIComponent(since)}`)).map((m) => m.payload)).toEqual([3]);
    expect((await list('?channel=sms&to=a')).map((m) => m.payload)).toEqual([1]);
  });

  it('answers 400 for a since that is not a date', async () => {
    expect((await fetch(`${outboxUrl}?since=yesterday`)).status).toBe(400);
  });
});

describe('DELETE /_local/outbox', () => {
  it('clears every message', async () => {
    await post({ channel: 'sms', to: 'a', payload: 1 });
    expect((await fetch(outboxUrl, { method: 'DELETE' })).status).toBe(204);
    expect(await list()).toEqual([]);
  });
});

describe('outbox.waitFor', () => {
  it('resolves when a matching message arrives later, ignoring others', async () => {
    const waiting = runtime.outbox.waitFor({ channel: 'push', to: 'device-1' }, 20_000);
    await post({ channel: 'push', to: 'device-2', payload: 'other' });
    await post({ channel: 'push', to: 'device-1', payload: 'mine' });
    expect((await waiting).payload).toBe('mine');
  });

  it('resolves at once with a matching message already there', async () => {
    await post({ channel: 'email', to: 'x@example.com', payload: 'there' });
    expect((await runtime.outbox.waitFor({ to: 'x@example.com' }, 100)).payload).toBe('there');
  });

  it('rejects when nothing matches within the timeout', async () => {
    await expect(runtime.outbox.waitFor({ channel: 'call' }, 50)).rejects.toThrow(/no outbox record matching/);
  });
});

describe('provider adapters with PROVIDERS=local (shared/providers)', () => {
  it('record the SMS and e-mail a handler sends in the outbox, with the sending service', async () => {
    const response = await fetch(`${runtime.url}/object-store-service/notify`, {
      method: 'POST',
      body: JSON.stringify({ phone: '+5511988887777', email: 'ana@example.com', code: '4242' }),
    });
    expect(response.status).toBe(200);
    const ids = (await response.json()) as { sms: string; email: string };

    const sms = await runtime.outbox.waitFor({ channel: 'sms', to: '+5511988887777' }, 20_000);
    expect(sms).toMatchObject({ id: ids.sms, service: 'object-store-service', payload: { text: 'Your code is 4242', transactional: true } });
    const [email] = await list('?channel=email&to=ana%40example.com');
    expect(email).toMatchObject({
      id: ids.email,
      service: 'object-store-service',
      payload: { subject: 'Your code', text: 'Your code is 4242', html: '<p>Your code is <b>4242</b></p>' },
    });
  });
});

describe('persistence', () => {
  it('appends to outbox.jsonl in the data directory and reloads it on start', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'outbox-'));
    try {
      const first = await startTestRuntime({ services: [objectStoreService], dataDir });
      await post({ channel: 'sms', to: 'a', payload: 'kept' }, addresses.outbox(first.url));
      await post({ channel: 'email', to: 'b', payload: 'kept too' }, addresses.outbox(first.url));
      await first.stop();
      const lines = (await readFile(path.join(dataDir, 'outbox.jsonl'), 'utf8')).trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as OutboxRecord).payload)).toEqual(['kept', 'kept too']);

      const second = await startTestRuntime({ services: [objectStoreService], dataDir });
      try {
        expect((await list('', addresses.outbox(second.url))).map((m) => m.payload)).toEqual(['kept', 'kept too']);
        await fetch(addresses.outbox(second.url), { method: 'DELETE' });
      } finally {
        await second.stop();
      }
      expect(await readFile(path.join(dataDir, 'outbox.jsonl'), 'utf8')).toBe('');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run outbox', () => {
  it("prints the running runtime's messages, filtered by channel", async () => {
    await post({ channel: 'sms', to: '+5511900000001', service: 'penhas', payload: { text: 'code 1234' } });
    await post({ channel: 'email', to: 'not@shown.example', payload: { subject: 'hidden' } });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'infra/local/outbox/cli.ts'), '--url', runtime.url, '--channel', 'sms'],
      { cwd: ROOT },
    );
    expect(stdout).toContain('+5511900000001');
    expect(stdout).toContain('code 1234');
    expect(stdout).not.toContain('hidden');
  });
});
