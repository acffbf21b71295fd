/** How Twilio's call statuses map onto the service's, and the order a call may move in. */
import { describe, expect, it } from 'vitest';
import { CALL_STATUSES, isFinal, stageOf, statusFromTwilio } from '../../../functions/kraliki/calls/call-status.ts';

describe('statusFromTwilio', () => {
  it('maps every status Twilio reports, and nothing else', () => {
    expect(['queued', 'initiated', 'ringing', 'in-progress', 'answered', 'completed', 'busy', 'no-answer', 'failed', 'canceled'].map(statusFromTwilio)).toEqual(
      ['QUEUED', 'QUEUED', 'RINGING', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED', 'BUSY', 'NO_ANSWER', 'FAILED', 'CANCELED'],
    );
    for (const other of [undefined, '', 'COMPLETED', 'toString', '__proto__', 'paused']) expect(statusFromTwilio(other), String(other)).toBeUndefined();
  });
});

describe('stages', () => {
  it('order a call queued → ringing → in progress (or on hold) → one final status', () => {
    expect(stageOf('QUEUED')).toBeLessThan(stageOf('RINGING'));
    expect(stageOf('RINGING')).toBeLessThan(stageOf('IN_PROGRESS'));
    expect(stageOf('ON_HOLD')).toBe(stageOf('IN_PROGRESS'));
    const finals = CALL_STATUSES.filter(isFinal);
    expect(finals).toEqual(['COMPLETED', 'NO_ANSWER', 'BUSY', 'FAILED', 'CANCELED']);
    for (const final of finals) for (const other of CALL_STATUSES) expect(stageOf(final) >= stageOf(other), `${final} vs ${other}`).toBe(true);
  });
});
