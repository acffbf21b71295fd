import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import mwfix from '../../fixtures/mwfix/service.ts';
import { startTestRuntime } from '../../support/runtime.ts';

let runtime: LocalRuntime;
let base: string;
beforeAll(async () => {
  runtime = await startTestRuntime({ services: [mwfix] });
  base = `${runtime.url}/mwfix`;
});
afterAll(() => runtime?.stop());

const postJson = (path: string, body: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function read(response: Response) {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('JSON bodies', () => {
  it('parses and validates a JSON body, handing the handler typed data', async () => {
    const { status, body } = await read(await postJson('/penhas/echo', JSON.stringify({ name: 'squat', reps: 5, tags: ['legs'] })));
    expect(status).toBe(200);
    expect(body).toEqual({ received: { name: 'squat', reps: 5, tags: ['legs'] } });
  });

  it('answers malformed JSON with 400 problem details (liftlog)', async () => {
    const { status, headers, body } = await read(await postJson('/liftlog/echo', '{"name": "squat",'));
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ status: 400, errors: { $: [expect.any(String)] } });
  });

  it('answers malformed JSON with 400 form_error (penhas)', async () => {
    const { status, body } = await read(await postJson('/penhas/echo', '{nope'));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'form_error', reason: 'invalid' });
  });

  it('answers malformed JSON with 422 json_invalid, as FastAPI does (fastapi)', async () => {
    const { status, body } = await read(await postJson('/fastapi/echo', '[1,'));
    expect(status).toBe(422);
    expect(body).toEqual({ detail: [{ loc: ['body'], msg: expect.any(String), type: 'json_invalid' }] });
  });

  it('answers a missing field with 400 and the errors map (liftlog)', async () => {
    const { status, body } = await read(await postJson('/liftlog/echo', JSON.stringify({ reps: 5 })));
    expect(status).toBe(400);
    expect(body).toEqual({ title: 'One or more validation errors occurred.', status: 400, errors: { name: [expect.any(String)] } });
  });

  it('answers a missing field with form_error naming it, reason is_required (penhas)', async () => {
    const { status, body } = await read(await postJson('/penhas/echo', JSON.stringify({ reps: 5 })));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'form_error', field: 'name', reason: 'is_required' });
  });

  it('answers a missing field with 422 detail[{loc, msg, type: missing}] (fastapi)', async () => {
    const { status, body } = await read(await postJson('/fastapi/echo', JSON.stringify({ reps: 5 })));
    expect(status).toBe(422);
    expect(body).toEqual({ detail: [{ loc: ['body', 'name'], msg: expect.any(String), type: 'missing' }] });
  });

  it('locates a failing array element by index (fastapi)', async () => {
    const { body } = await read(await postJson('/fastapi/echo', JSON.stringify({ name: 'x', reps: 1, tags: ['ok', 'too-long'] })));
    expect(body.detail).toEqual([{ loc: ['body', 'tags', 1], msg: expect.any(String), type: 'value_error' }]);
  });

  it('reports every failing field (liftlog) but the first one only (penhas)', async () => {
    const bad = JSON.stringify({ name: 'a'.repeat(21), reps: -1 });
    const liftlog = await read(await postJson('/liftlog/echo', bad));
    expect(Object.keys(liftlog.body.errors).sort()).toEqual(['name', 'reps']);
    const penhas = await read(await postJson('/penhas/echo', bad));
    expect(penhas.body).toMatchObject({ error: 'form_error', field: 'name', reason: 'invalid_max_length' });
  });
});

describe('form bodies merged with the query string', () => {
  it('validates query and urlencoded body as one set of parameters', async () => {
    const response = await fetch(`${base}/penhas/form?age=30&apelido=from-query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=ana%40example.com&apelido=Ana',
    });
    const { status, body } = await read(response);
    expect(status).toBe(200);
    expect(body).toEqual({ received: { email: 'ana@example.com', apelido: 'Ana', age: 30 } });
  });

  it('accepts parameters in the query string alone (body-less POST)', async () => {
    const { status, body } = await read(await fetch(`${base}/penhas/form?age=18&apelido=Bia&email=b%40x.io`, { method: 'POST' }));
    expect(status).toBe(200);
    expect(body.received).toEqual({ email: 'b@x.io', apelido: 'Bia', age: 18 });
  });

  it('names a parameter missing from both with form_error is_required (penhas)', async () => {
    const response = await fetch(`${base}/penhas/form?age=30`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'apelido=Ana',
    });
    const { status, body } = await read(response);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'form_error', field: 'email', reason: 'is_required' });
  });

  it('also takes a JSON body on a route that lists both parsers', async () => {
    const { status, body } = await read(await postJson('/penhas/form?age=40', JSON.stringify({ email: 'c@x.io', apelido: 'Cy' })));
    expect(status).toBe(200);
    expect(body.received).toEqual({ email: 'c@x.io', apelido: 'Cy', age: 40 });
  });
});

describe('multipart bodies', () => {
  it('hands the handler a binary file byte for byte, with the other fields', async () => {
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000), Buffer.from('\r\n--')]);
    const form = new FormData();
    form.set('title', 'evidência de áudio');
    form.set('file', new Blob([bytes], { type: 'audio/aac' }), 'gravação.aac');
    const { status, body } = await read(await fetch(`${base}/penhas/upload`, { method: 'POST', body: form }));
    expect(status).toBe(200);
    expect(body).toEqual({
      title: 'evidência de áudio',
      filename: 'gravação.aac',
      mimetype: 'audio/aac',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('answers a form without the file with a validation error naming it (fastapi)', async () => {
    const form = new FormData();
    form.set('title', 'no file');
    const { status, body } = await read(await fetch(`${base}/fastapi/upload`, { method: 'POST', body: form }));
    expect(status).toBe(422);
    expect(body.detail).toEqual([{ loc: ['body', 'file'], msg: expect.any(String), type: 'missing' }]);
  });
});

describe('path and query parameters', () => {
  it('validates and coerces them, applying defaults', async () => {
    const id = randomUUID();
    expect((await read(await fetch(`${base}/fastapi/items/${id}?limit=7`))).body).toEqual({ id, limit: 7 });
    expect((await read(await fetch(`${base}/fastapi/items/${id}`))).body).toEqual({ id, limit: 10 });
  });

  it('locates a bad path parameter in the path and a bad query parameter in the query (fastapi)', async () => {
    const badPath = await read(await fetch(`${base}/fastapi/items/not-a-uuid`));
    expect(badPath.status).toBe(422);
    expect(badPath.body.detail).toEqual([{ loc: ['path', 'id'], msg: expect.any(String), type: 'value_error' }]);
    const badQuery = await read(await fetch(`${base}/fastapi/items/${randomUUID()}?limit=500`));
    expect(badQuery.body.detail).toEqual([{ loc: ['query', 'limit'], msg: expect.any(String), type: 'value_error' }]);
  });

  it('answers a bad path parameter with 400 in the other formats', async () => {
    expect((await read(await fetch(`${base}/liftlog/items/nope`))).body).toMatchObject({ status: 400, errors: { id: [expect.any(String)] } });
    expect((await read(await fetch(`${base}/penhas/items/nope`))).body).toMatchObject({ error: 'form_error', field: 'id', reason: 'invalid' });
  });
});

describe('typed failures', () => {
  const cases = [
    ['unauthenticated', 401, 'bad_password'],
    ['forbidden', 403, 'permission_denied'],
    ['not_found', 404, 'item_not_found'],
    ['conflict', 409, 'email_already_exists'],
    ['rate_limited', 429, 'too_many_requests'],
  ] as const;

  it.each(cases)('maps %s to %i with the code in the body (penhas, fastapi)', async (kind, status, code) => {
    const penhas = await read(await fetch(`${base}/penhas/fail/${kind}`));
    expect(penhas.status).toBe(status);
    expect(penhas.body).toMatchObject({ error: code });
    const fastapi = await read(await fetch(`${base}/fastapi/fail/${kind}`));
    expect(fastapi.status).toBe(status);
    expect(fastapi.body).toMatchObject({ detail: expect.any(String), code });
  });

  it.each(cases)('maps %s to a bare %i (liftlog reads status codes only)', async (kind, status) => {
    const { status: actual, text } = await read(await fetch(`${base}/liftlog/fail/${kind}`));
    expect(actual).toBe(status);
    expect(text).toBe('');
  });

  it('sends Retry-After in whole seconds with 429, in every format', async () => {
    for (const format of ['liftlog', 'penhas', 'fastapi']) {
      const response = await fetch(`${base}/${format}/fail/rate_limited`);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('30');
    }
  });

  it('answers an unexpected throw with 500 in the format, leaking no stack or message', async () => {
    const liftlog = await read(await fetch(`${base}/liftlog/fail/crash`));
    expect(liftlog.status).toBe(500);
    expect(liftlog.text).toBe('');
    for (const format of ['penhas', 'fastapi']) {
      const { status, text } = await read(await fetch(`${base}/${format}/fail/crash`));
      expect(status).toBe(500);
      expect(text).not.toMatch(/hunter2|postgres|at .*\.(m?js|ts)|Error:/);
    }
    expect((await read(await fetch(`${base}/penhas/fail/crash`))).body).toMatchObject({ error: 'internal_error' });
    expect((await read(await fetch(`${base}/fastapi/fail/crash`))).body).toEqual({ detail: 'Internal Server Error', code: 'internal_error' });
  });
});

describe('handlers using the shared db module', () => {
  it('writes and reads back an item through the gateway, one DynamoDB operation each', async () => {
    const id = `t-${randomUUID()}`;
    const put = await fetch(`${base}/fastapi/things/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'kettlebell' }),
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('x-db-operations')).toBe('1');
    expect(put.headers.get('x-db-operations-by-command')).toBe('PutItem=1');

    const get = await fetch(`${base}/fastapi/things/${id}`);
    expect(await get.json()).toEqual({ id, name: 'kettlebell' });
    expect(get.headers.get('x-db-operations-by-command')).toBe('GetItem=1');
  });

  it('counts operations per request, failed ones included', async () => {
    const missing = await fetch(`${base}/fastapi/things/none`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'thing_not_found' });
    expect(missing.headers.get('x-db-operations')).toBe('1');
  });

  it('states no count unless the function asks for it', async () => {
    const response = await fetch(`${base}/fastapi/items/${randomUUID()}`);
    expect(response.headers.get('x-db-operations')).toBeNull();
  });
});
