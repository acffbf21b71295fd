/**
 * The SignalR JSON hub protocol as the app speaks it: records end with 0x1E,
 * one message may carry several, within bounds; anything else is a protocol
 * error, never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closing,
  completion,
  invokeClient,
  MAX_INVOCATIONS_PER_MESSAGE,
  MAX_RECORDS_PER_MESSAGE,
  ping,
  ProtocolError,
  readRecords,
} from '../../../../functions/liftlog/coach/hub/signalr.ts';

const RS = '\x1e';
const frame = (...records: object[]) => records.map((record) => JSON.stringify(record) + RS).join('');

const invocation = fc.record({
  type: fc.constant(1),
  invocationId: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
  target: fc.string({ minLength: 1 }),
  arguments: fc.array(fc.jsonValue(), { maxLength: 3 }),
});
const otherRecord = fc.oneof(
  fc.constant({ type: 6 }),
  fc.constant({ type: 7 }),
  fc.constant({ type: 3, invocationId: '1' }),
  fc.constant({ type: 5, invocationId: '1' }),
);

describe('readRecords', () => {
  it('reads every record of a message within bounds, in order, with its kind', () => {
    fc.assert(
      fc.property(
        fc.array(invocation, { maxLength: MAX_INVOCATIONS_PER_MESSAGE }),
        fc.array(otherRecord, { maxLength: MAX_RECORDS_PER_MESSAGE - MAX_INVOCATIONS_PER_MESSAGE }),
        (calls, others) => {
          const records = [...calls, ...others];
          // An empty message is no sequence of records (refused below, with any other text).
          fc.pre(records.length > 0);
          const read = readRecords(frame(...records));
          expect(read).toHaveLength(records.length);
          calls.forEach((call, i) => {
            expect(read[i]).toEqual({
              kind: 'invocation',
              target: call.target,
              arguments: JSON.parse(JSON.stringify(call.arguments)),
              ...(call.invocationId === undefined ? {} : { invocationId: call.invocationId }),
            });
          });
          const kinds: Record<number, string> = { 6: 'ping', 7: 'close', 3: 'ignored', 5: 'ignored' };
          others.forEach((other, i) => {
            expect(read[calls.length + i].kind).toBe(kinds[other.type]);
          });
        },
      ),
    );
  });

  it('reads the handshake only as the first record', () => {
    expect(readRecords(frame({ protocol: 'json', version: 1 }, { type: 6 }))).toEqual([{ kind: 'handshake', protocol: 'json', version: 1 }, { kind: 'ping' }]);
    expect(() => readRecords(frame({ type: 6 }, { protocol: 'json', version: 1 }))).toThrow(ProtocolError);
  });

  it('refuses a message over the record or invocation bounds as a whole', () => {
    expect(() => readRecords(frame(...Array.from({ length: MAX_RECORDS_PER_MESSAGE + 1 }, () => ({ type: 6 }))))).toThrow(/at most 16 records/);
    const call = { type: 1, target: 'SendMessage', arguments: [] };
    expect(() => readRecords(frame(...Array.from({ length: MAX_INVOCATIONS_PER_MESSAGE + 1 }, () => call)))).toThrow(/at most 4 invocations/);
  });

  it('answers any other text with a ProtocolError, never another failure', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          readRecords(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
    );
    for (const text of ['{"type":6}', `not json${RS}`, `{"target":"x"}${RS}`, `{"type":1,"arguments":[]}${RS}`]) {
      expect(() => readRecords(text)).toThrow(ProtocolError);
    }
  });
});

describe('records the server writes', () => {
  it('are single JSON records ending in the separator, readable by the same protocol', () => {
    for (const written of [ping(), closing(), closing('bye'), completion('7'), completion('7', 'failed'), invokeClient('ReceiveMessage', ['hi'])]) {
      expect(written.endsWith(RS)).toBe(true);
      expect(written.slice(0, -1)).not.toContain(RS);
      expect(() => JSON.parse(written.slice(0, -1))).not.toThrow();
    }
    expect(JSON.parse(closing('bye').slice(0, -1))).toEqual({ type: 7, error: 'bye', allowReconnect: false });
  });
});
