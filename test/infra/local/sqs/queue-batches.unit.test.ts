import { describe, expect, it } from 'vitest';
import { LocalQueue, sizeOf } from '../../../../infra/local/sqs/queue.ts';

const queue = () => new LocalQueue({ name: 'q', arn: 'arn:aws:sqs:us-east-1:000000000000:q', visibilityTimeoutSeconds: 30, delaySeconds: 0 });
const send = (q: LocalQueue, body: string) => q.send({ body, attributes: {}, delaySeconds: 0, senderId: 'local' });

describe('LocalQueue.receive with a byte budget (an event source keeping its event under 6 MB)', () => {
  it('stops before the message that would pass the budget', () => {
    const q = queue();
    for (let i = 0; i < 10; i++) send(q, 'x'.repeat(1024 * 1024));
    const one = sizeOf(q.snapshot()[0]);
    const batch = q.receive(10, 30, 6 * 1024 * 1024);
    expect(batch).toHaveLength(Math.floor((6 * 1024 * 1024) / one));
    expect(q.counts()).toMatchObject({ inFlight: batch.length, visible: 10 - batch.length });
    q.close();
  });

  it('still receives one message larger than the budget rather than none', () => {
    const q = queue();
    send(q, 'x'.repeat(2048));
    expect(q.receive(10, 30, 1024)).toHaveLength(1);
    q.close();
  });
});
