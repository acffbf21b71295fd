import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import routeStack from '../../fixtures/route-stack-service/service.ts';
import { FIXTURE_KEY, FIXTURE_PASSWORD } from '../../fixtures/route-stack-service/authenticators.ts';
import { startTestRuntime } from '../../support/runtime.ts';

let runtime: LocalRuntime;
let base: string;
/** Every line the functions logged. */
const logged: string[] = [];
beforeAll(async () => {
  runtime = await startTestRuntime({ services: [routeStack], log: (line) => logged.push(line) });
  base = `${runtime.url}/route-stack`;
});
afterAll(() => runtime?.stop());

const postJson = (path: string, body: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

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

describe('empty bodies', () => {
  it('treats a GET with Content-Type: application/json and no body as having no body', async () => {
    const id = randomUUID();
    const response = await fetch(`${base}/liftlog/items/${id}`, { headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id, limit: 10 });
  });

  it('answers an empty JSON body on a route that needs one as a missing body, not as malformed JSON', async () => {
    const { status, body } = await read(await postJson('/fastapi/echo', ''));
    expect(status).toBe(422);
    expect(body.detail).toEqual([{ loc: ['body'], msg: expect.any(String), type: 'missing' }]);
  });
});

describe('authentication by the route stack', () => {
  const keyed = (format: string, headers: Record<string, string>, body: string) =>
    fetch(`${base}/${format}/keyed`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('hands the handler the caller its authenticator verified', async () => {
    const { status, body } = await read(await keyed('penhas', { 'x-api-key': FIXTURE_KEY }, JSON.stringify({ name: 'row', reps: 3 })));
    expect(status).toBe(200);
    expect(body).toEqual({ caller: 'key-holder', received: { name: 'row', reps: 3 } });
  });

  it('refuses a missing or wrong header credential in the format, before looking at the body', async () => {
    for (const headers of [{}, { 'x-api-key': 'guess' }] as Record<string, string>[]) {
      const penhas = await read(await keyed('penhas', headers, '{not json'));
      expect(penhas.status).toBe(401);
      expect(penhas.body).toMatchObject({ error: 'invalid_key' });
      const fastapi = await read(await keyed('fastapi', headers, '{not json'));
      expect([fastapi.status, fastapi.body.code]).toEqual([401, 'invalid_key']);
      const liftlog = await read(await keyed('liftlog', headers, '{not json'));
      expect([liftlog.status, liftlog.text]).toEqual([401, '']);
    }
  });

  it('checks a credential in the body only once the body is valid', async () => {
    const signed = (body: unknown) => postJson('/penhas/signed', JSON.stringify(body));
    expect((await read(await signed({ user: 'ana', password: 'wrong' }))).body).toMatchObject({ error: 'form_error', field: 'note' });
    expect((await read(await signed({ user: 'ana', password: 'wrong', note: 'hi' }))).status).toBe(401);
    expect((await signed({ user: 'ana', password: FIXTURE_PASSWORD, note: 'hi' })).status).toBe(200);
  });
});

describe('logs', () => {
  // Lines arrive as the runtime prints them (`<function>  LEVEL  message  {key: value}`), so they are matched as text.
  const linesWith = (text: string) => logged.filter((line) => line.includes(text));

  it('logs an unexpected error at ERROR with its name, stack and the request’s correlation id', async () => {
    const correlationId = `crash-${randomUUID()}`;
    expect((await fetch(`${base}/penhas/fail/crash`, { headers: { 'x-correlation-id': correlationId } })).status).toBe(500);
    const lines = linesWith(correlationId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\bERROR\b/);
    expect(lines[0]).toMatch(/errorName\W+Error\b/);
    expect(lines[0]).toMatch(/stack\W+Error: /);
  });

  it('logs a client’s mistake as one short line below ERROR, with no stack', async () => {
    const correlationId = `refused-${randomUUID()}`;
    expect((await fetch(`${base}/penhas/fail/not_found`, { headers: { 'x-correlation-id': correlationId } })).status).toBe(404);
    const lines = linesWith(correlationId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\bINFO\b/);
    expect(lines[0]).toMatch(/status\W+404/);
    expect(lines[0]).toMatch(/item_not_found/);
    expect(lines[0]).not.toMatch(/\bstack"?:/);
  });

  it('ignores a correlation id that could forge log structure', async () => {
    const forged = `forged-${randomUUID()} {"level":"ERROR"}`;
    expect((await fetch(`${base}/fastapi/fail/conflict`, { headers: { 'x-correlation-id': forged } })).status).toBe(409);
    expect(linesWith(forged.split(' ')[0])).toEqual([]);
  });

  it('never logs bodies, passwords or credentials', async () => {
    const secret = `s3cret-${randomUUID()}`;
    await postJson('/liftlog/signed', JSON.stringify({ user: 'ana', password: secret, note: secret }));
    await fetch(`${base}/liftlog/keyed`, { method: 'POST', headers: { 'x-api-key': secret }, body: secret });
    await postJson('/liftlog/echo', `{"name": "${secret}",`);
    expect((await fetch(`${base}/liftlog/fail/unauthenticated`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    expect(linesWith(secret)).toEqual([]);
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
