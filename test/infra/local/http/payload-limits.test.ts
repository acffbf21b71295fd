import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../../infra/local/addresses.ts';
import gatewayEcho from '../../../fixtures/gateway-echo-service/service.ts';
import queueService from '../../../fixtures/queue-consumer-service/service.ts';
import { sharedRuntime } from '../../../support/runtime.ts';

const MB = 1024 * 1024;
const runtime = sharedRuntime({ services: [gatewayEcho, queueService] });
const url = (path: string) => `${runtime.url}/gateway-echo-service${path}`;

/** Writes raw HTTP/1.1 on one socket and reads the responses in order, so a test can see whether the connection survives. */
class RawConnection {
  private received = '';
  private readonly waiters: Array<() => void> = [];
  private readonly socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('latin1');
    this.socket.on('data', (chunk: string) => {
      this.received += chunk;
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.socket.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** The next complete response (status line, headers, content-length body). */
  async response(): Promise<{ status: number; headers: string; body: string }> {
    for (;;) {
      const end = this.received.indexOf('\r\n\r\n');
      if (end >= 0) {
        const head = this.received.slice(0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (this.received.length >= end + 4 + length) {
          const body = this.received.slice(end + 4, end + 4 + length);
          this.received = this.received.slice(end + 4 + length);
          return { status: Number(head.split(' ')[1]), headers: head, body };
        }
      }
      if (this.socket.destroyed) throw new Error(`connection closed; received ${JSON.stringify(this.received.slice(0, 200))}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('synchronous invocations (6 MB each way)', () => {
  it('answers 413 when the request event would pass 6 MB, though the body fits API Gateway’s 10 MB', async () => {
    // 5 MB of bytes travel base64-encoded in the event: about 6.7 MB.
    const response = await fetch(url('/mirror'), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: randomBytes(5 * MB) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('passes a request whose event stays under 6 MB', async () => {
    const body = randomBytes(3 * MB);
    const response = await fetch(url('/mirror'), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    expect(response.status).toBe(201);
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
  });

  it('answers 502 when the function’s response passes 6 MB, as API Gateway does', async () => {
    const response = await fetch(url(`/sized?bytes=${6 * MB + 1}`));
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('delivers a response just under 6 MB', async () => {
    const response = await fetch(url(`/sized?bytes=${6 * MB - 1024}`));
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBe(6 * MB - 1024);
  });

  it('answers a webhook (Function URL) whose event would pass 6 MB with 413', async () => {
    const response = await fetch(url('/webhooks/provider'), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: randomBytes(5 * MB),
    });
    expect(response.status).toBe(413);
  });
});

describe('asynchronous invocations (1 MB)', () => {
  it('refuses an event over 1 MB with RequestEntityTooLargeException', async () => {
    const fn = runtime.functionName('gateway-echo-service', 'handlers-plain');
    await expect(runtime.host.invoke(fn, { data: 'x'.repeat(MB) }, { type: 'Event' })).rejects.toMatchObject({ name: 'RequestEntityTooLargeException' });
    await expect(runtime.host.invoke(fn, { data: 'x'.repeat(MB - 1024) }, { type: 'Event' })).resolves.toEqual({ ok: true, items: [1, 2] });
  });
});

describe('queue messages (1 MiB)', () => {
  it('accepts a 1 MiB message and refuses a larger one', async () => {
    const sqs = new SQSClient({ endpoint: addresses.sqsEndpoint(runtime.url), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const QueueUrl = addresses.queueUrl(runtime.url, addresses.dlqName('queue-consumer-service', 'parked'));
    try {
      await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(MB) }))).resolves.toHaveProperty('MessageId');
      await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(MB + 1) }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    } finally {
      sqs.destroy();
    }
  });
});

describe('a body over the gateway’s limit', () => {
  it('is answered with 413, and the same connection then serves the next request', async () => {
    const connection = new RawConnection(runtime.port);
    try {
      const body = Buffer.alloc(10 * MB + 1, 'a');
      await connection.write(`POST /gateway-echo-service/mirror HTTP/1.1\r\nhost: local\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\n\r\n`);
      await connection.write(body);
      const refused = await connection.response();
      expect(refused.status).toBe(413);

      await connection.write('GET /gateway-echo-service/plain HTTP/1.1\r\nhost: local\r\n\r\n');
      const next = await connection.response();
      expect(next.status).toBe(200);
      expect(JSON.parse(next.body)).toEqual({ ok: true, items: [1, 2] });
    } finally {
      connection.close();
    }
  });
});
