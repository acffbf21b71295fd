/**
 * The `email` queue: each job is sent exactly once however often it is
 * delivered, a provider failure is retried, and a job that always fails ends
 * in the dead-letter queue.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';

// Retries at once, so the retry path runs within a test.
const runtime = sharedRuntime({ services: [penhas], environment: { EMAIL_RETRY_BASE_SECONDS: '0' } });

const QUEUE = 'penhas-email';
let serial = 0;

function enqueue(overrides: Record<string, string> = {}): { id: string; to: string } {
  const job = { id: `test-${Date.now()}-${++serial}`, to: `fila${serial}@example.com`, subject: 'Assunto', text: 'Corpo', template: 'test', ...overrides };
  runtime.queues.send(QUEUE, JSON.stringify(job));
  return job;
}

describe('email queue', () => {
  it('puts the e-mail in the outbox, once, even when the job is delivered twice', async () => {
    const job = enqueue();
    enqueue({ id: job.id, to: job.to });
    await runtime.queues.drained(QUEUE);
    const sent = runtime.outbox.list({ channel: 'email', to: job.to });
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({ subject: 'Assunto', text: 'Corpo' });
  });

  it('retries a provider failure: fails twice, then one e-mail goes out', async () => {
    runtime.outbox.failNext('email', 2);
    const job = enqueue();
    await eventually(() => runtime.outbox.list({ channel: 'email', to: job.to }).length === 1, { what: 'the e-mail sent' });
    await runtime.queues.drained(QUEUE);
    expect(runtime.outbox.list({ channel: 'email', to: job.to })).toHaveLength(1);
  });

  it('dead-letters a job the provider always refuses, sending nothing', async () => {
    runtime.outbox.failAlways('email');
    try {
      const job = enqueue();
      await eventually(() => runtime.queues.stats(`${QUEUE}-dlq`).visible === 1, { what: 'the job in the DLQ' });
      expect(runtime.outbox.list({ channel: 'email', to: job.to })).toHaveLength(0);
    } finally {
      runtime.outbox.clearFailures();
    }
  });

  it('drops a message that is not a job instead of retrying it into the DLQ', async () => {
    const deadBefore = runtime.queues.stats(`${QUEUE}-dlq`).visible;
    runtime.queues.send(QUEUE, JSON.stringify({ to: 'x' }));
    await runtime.queues.drained(QUEUE);
    expect(runtime.queues.stats(`${QUEUE}-dlq`).visible).toBe(deadBefore);
  });
});
