/**
 * Warm per-request cost of the middleware stack (body parsing, zod validation,
 * error mapping) over a bare handler doing the same parse-validate-respond work.
 */
import { bare, wrapped } from './fixtures/middleware-route.ts';

const event = {
  version: '2.0',
  routeKey: 'PUT /event',
  rawPath: '/event',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  requestContext: { http: { method: 'PUT', path: '/event' } },
  isBase64Encoded: false,
};
const body = JSON.stringify({ userId: crypto.randomUUID(), eventId: crypto.randomUUID(), payload: 'x'.repeat(2000) });
const context = { getRemainingTimeInMillis: () => 10_000 } as never;

async function perCallMicros(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  for (let i = 0; i < 2000; i++) await fn(); // warm up the JIT
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - started) / 1000 / iterations;
}

export async function benchMiddleware(iterations = 50_000) {
  const rows: Array<{ stack: string; bareUs: number; wrappedUs: number; overheadMs: number }> = [];
  for (const [name, handler] of Object.entries(wrapped)) {
    const bareUs = await perCallMicros(() => bare({ body }), iterations);
    // middy mutates the event (parsed body), so each call gets a fresh copy, as each invocation does.
    const wrappedUs = await perCallMicros(() => handler({ ...event, body } as never, context), iterations);
    const copyUs = await perCallMicros(async () => ({ ...event, body }), iterations);
    rows.push({ stack: name, bareUs, wrappedUs, overheadMs: Math.max(0, wrappedUs - bareUs - copyUs) / 1000 });
  }
  return rows;
}
