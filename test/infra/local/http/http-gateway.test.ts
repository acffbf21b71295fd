import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import gatewayEcho from '../../../fixtures/gateway-echo-service/service.ts';
import { sharedRuntime } from '../../../support/runtime.ts';

const logged: string[] = [];
const runtime = sharedRuntime({ services: [gatewayEcho], log: (line) => logged.push(line) });
let base: string;
beforeAll(() => {
  base = `${runtime.url}/gateway-echo-service`;
});

type Json = Record<string, any>;
const getJson = async (url: string): Promise<Json> => (await fetch(url)).json() as Promise<Json>;

const echo = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${base}${path}`, init);
  return { response, event: (await response.json()) as Record<string, any> };
};

describe('HTTP API events (payload 2.0)', () => {
  it('carries route key, path parameters, raw path and raw query string', async () => {
    const { event } = await echo('/echo/a%20b?x=1&x=2&y=%C3%A9');
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /echo/{id}');
    expect(event.rawPath).toBe('/echo/a%20b');
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.rawQueryString).toBe('x=1&x=2&y=%C3%A9');
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: 'é' });
    expect(event.requestContext.http).toMatchObject({ method: 'GET', path: '/echo/a%20b', sourceIp: '127.0.0.1' });
    expect(event.requestContext.routeKey).toBe('GET /echo/{id}');
    expect(event.requestContext.stage).toBe('$default');
    expect(typeof event.requestContext.timeEpoch).toBe('number');
  });

  it('lowercases header names, joins repeated headers with commas and splits cookies out', async () => {
    const headers = new Headers({ 'X-Custom-Thing': 'A', cookie: 'session=abc; theme=dark', 'User-Agent': 'agent/1' });
    headers.append('X-Multi', 'one');
    headers.append('X-Multi', 'two');
    const { event } = await echo('/echo/1', { headers });
    expect(event.headers['x-custom-thing']).toBe('A');
    expect(event.headers['x-multi']).toMatch(/^one, ?two$/);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['session=abc', 'theme=dark']);
    expect(event.requestContext.http.userAgent).toBe('agent/1');
  });

  it('omits query and path parameters when there are none', async () => {
    const { event } = await echo('/files/a/b/c.txt');
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.pathParameters).toEqual({ proxy: 'a/b/c.txt' });
    expect(event.routeKey).toBe('ANY /files/{proxy+}');
  });

  it('prefers a static route over a parameter route', async () => {
    const response = await fetch(`${base}/echo/static`);
    expect(await response.text()).toBe('static wins');
  });

  it('delivers JSON and form bodies as text and binary bodies base64-encoded', async () => {
    const json = await echo('/echo/1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"ç"}' });
    expect(json.event).toMatchObject({ body: '{"a":"ç"}', isBase64Encoded: false });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0, 1, 2])]), 'x.bin');
    const multipart = await echo('/echo/1', { method: 'POST', body: form });
    expect(multipart.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(multipart.event.body, 'base64').toString('latin1')).toContain('filename="x.bin"');
  });

  it('answers 404 in the API Gateway format for an unknown route or method', async () => {
    const unknown = await fetch(`${base}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    expect((await fetch(`${base}/plain`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('responses', () => {
  it('round-trips binary bodies byte for byte, with cookies as set-cookie headers', async () => {
    const bytes = randomBytes(70_000);
    const response = await fetch(`${base}/mirror`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
  });

  it('returns HTML, text/xml and audio/aac faithfully', async () => {
    const html = await fetch(`${base}/media/html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toBe('<h1>olá</h1>');
    const xml = await fetch(`${base}/media/xml`);
    expect(xml.headers.get('content-type')).toBe('text/xml');
    expect(await xml.text()).toContain('<Say>Hi</Say>');
    const aac = await fetch(`${base}/media/aac`);
    expect(aac.headers.get('content-type')).toBe('audio/aac');
    expect([...new Uint8Array(await aac.arrayBuffer())].slice(0, 2)).toEqual([0xff, 0xf1]);
  });

  it('turns a result without statusCode into a 200 JSON response', async () => {
    const response = await fetch(`${base}/plain`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true, items: [1, 2] });
  });

  it('answers 500 without leaking the error when a handler throws', async () => {
    const response = await fetch(`${base}/throws`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ message: 'Internal Server Error' });
    expect(text).not.toContain('secret detail');
  });

  it('refuses bodies over the 10 MB HTTP API limit with 413', async () => {
    const response = await fetch(`${base}/mirror`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
  });
});

describe('CORS per manifest', () => {
  it('answers a preflight from an allowed origin', async () => {
    const response = await fetch(`${base}/echo/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,x-api-key');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('adds allow-origin and expose-headers to responses for allowed origins only', async () => {
    const allowed = await fetch(`${base}/echo/1`, { headers: { origin: 'https://app.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-total');
    const other = await fetch(`${base}/echo/1`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('execution environments', () => {
  it('keeps module scope warm between invocations', async () => {
    const first = await getJson(`${base}/warm`);
    const second = await getJson(`${base}/warm`);
    expect(second.count).toBe(first.count + 1);
    expect(second.loadedAt).toBe(first.loadedAt);
  });

  it('gives each function its own environment: function over service variables, plus the table name', async () => {
    const own = await getJson(`${base}/warm`);
    const other = await getJson(`${base}/other-env`);
    expect(own.level).toBe('function');
    expect(other.level).toBe('service');
    expect(own.table).toBe(runtime.tableName('gateway-echo-service'));
    expect(own.functionName).toBe('gateway-echo-service-handlers-warm');
    expect(other.functionName).toBe('gateway-echo-service-handlers-warm-get');
    expect(own.remaining).toBeGreaterThan(9000);
  });

  it('sizes an environment’s heap from the function’s memory, as Lambda’s runtime does, not from the machine’s', async () => {
    const { heapSizeLimit } = await getJson(`${base}/heap`);
    // The function has 512 MB; V8 adds a little of its own to the limits it is given.
    expect(heapSizeLimit).toBeGreaterThan(400 * 1024 * 1024);
    expect(heapSizeLimit).toBeLessThan(640 * 1024 * 1024);
  });

  it('runs concurrent invocations in separate environments', async () => {
    const before = runtime.host.coldStarts.get('gateway-echo-service-handlers-slow') ?? 0;
    const results = await Promise.all([1, 2, 3].map(() => getJson(`${base}/slow?ms=200`)));
    expect(results.map((r) => r.invocations)).toEqual([1, 1, 1]);
    expect((runtime.host.coldStarts.get('gateway-echo-service-handlers-slow') ?? 0) - before).toBe(3);
  });

  it('cuts an invocation off at its timeout and starts a fresh environment next time', async () => {
    const started = Date.now();
    const response = await fetch(`${base}/slow?ms=20000`);
    expect(response.status).toBe(500);
    // Answered at the 1 s timeout, long before the handler's 20 s would have ended.
    expect(Date.now() - started).toBeLessThan(20_000);
    const next = await fetch(`${base}/slow?ms=0`);
    expect(next.status).toBe(200);
  });
});

describe('webhooks as Function URLs', () => {
  it('preserves the raw body byte for byte, text or binary', async () => {
    const text = '{"entry":[{"changes":[{"value":{"text":"olá  \\u00e9"}}]}]}\n';
    const textResponse = (await (
      await fetch(`${base}/webhooks/provider`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=abc' },
        body: text,
      })
    ).json()) as Json;
    expect(textResponse).toMatchObject({
      sha256: createHash('sha256').update(text).digest('hex'),
      routeKey: '$default',
      rawPath: '/',
      domainName: 'gateway-echo-service-provider.lambda-url.us-east-1.on.aws',
      signature: 'sha256=abc',
      // What a Function URL adds, so a handler can rebuild the URL its caller signed.
      forwardedProto: 'http',
      host: new URL(base).host,
    });
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const binaryResponse = (await (
      await fetch(`${base}/webhooks/provider/sub/path`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: invalidUtf8 })
    ).json()) as Json;
    expect(binaryResponse).toMatchObject({ sha256: createHash('sha256').update(invalidUtf8).digest('hex'), isBase64Encoded: true, rawPath: '/sub/path' });
  });

  it('delivers form-encoded provider callbacks unchanged', async () => {
    const form = 'CallSid=CA123&From=%2B15551234567&Digits=1';
    const response = (await (
      await fetch(`${base}/webhooks/provider`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })
    ).json()) as Json;
    expect(response.sha256).toBe(createHash('sha256').update(form).digest('hex'));
    expect(response.isBase64Encoded).toBe(false);
  });
});

describe('function logs', () => {
  it('passes each line a handler writes to the runtime’s log, one call per line, labelled with the function', async () => {
    expect((await fetch(`${base}/logs`)).status).toBe(204);
    const label = 'gateway-echo-service/handlers-logs';
    await vi.waitFor(() => expect(logged.filter((line) => line.startsWith(label))).toHaveLength(2), { timeout: 10_000 });
    const lines = logged.filter((line) => line.startsWith(label));
    expect(lines[0]).toMatch(/^gateway-echo-service\/handlers-logs {2}INFO {3}order placed {2}\{.*orderId: o-1, items: 3\}$/);
    expect(lines[1]).toBe(`${label}  plain text line`);
  });
});
