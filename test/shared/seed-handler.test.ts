/**
 * The seed handler (shared/seed.ts): invoked plainly it seeds and answers the
 * summary; invoked by CloudFormation it answers through the response URL,
 * SUCCESS or FAILED, and never seeds on Delete.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHandler } from '../../shared/seed.ts';

let server: Server;
let url = '';
const responses: { method: string; contentType: string | undefined; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      responses.push({ method: req.method ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString()) });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/presigned`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const event = (RequestType: 'Create' | 'Update' | 'Delete', PhysicalResourceId?: string) => ({
  RequestType,
  ResponseURL: url,
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/1',
  RequestId: `r-${RequestType}`,
  LogicalResourceId: 'Seed',
  ...(PhysicalResourceId && { PhysicalResourceId }),
});

describe('seedHandler', () => {
  it('seeds and answers the summary when invoked plainly', async () => {
    let runs = 0;
    const handler = seedHandler(async () => ({ written: ++runs }));
    expect(await handler({})).toEqual({ written: 1 });
    expect(await handler(undefined)).toEqual({ written: 2 });
  });

  it('answers CloudFormation SUCCESS with the summary on Create and Update, keeping the physical id', async () => {
    const handler = seedHandler(async () => ({ written: 3 }));
    responses.length = 0;
    await handler(event('Create'));
    await handler(event('Update', 'Seed-content-seed'));
    expect(responses).toEqual([
      expect.objectContaining({
        method: 'PUT',
        body: expect.objectContaining({ Status: 'SUCCESS', RequestId: 'r-Create', LogicalResourceId: 'Seed', Data: { written: 3 } }),
      }),
      expect.objectContaining({ body: expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'Seed-content-seed' }) }),
    ]);
  });

  it('does not seed on Delete, and answers FAILED when the seed fails', async () => {
    let runs = 0;
    const failing = seedHandler(async () => {
      runs++;
      throw new Error('table unreachable');
    });
    responses.length = 0;
    await failing(event('Delete', 'Seed-content-seed'));
    await failing(event('Update', 'Seed-content-seed'));
    expect(runs).toBe(1);
    expect(responses.map((r) => r.body.Status)).toEqual(['SUCCESS', 'FAILED']);
    expect(String(responses[1].body.Reason)).toContain('content seed failed');
  });
});
