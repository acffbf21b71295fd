import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eachLine, formatFunctionLine } from '../../../../infra/local/lambda/function-logs.ts';

const LABEL = 'liftlog/users-put-user';

describe('formatFunctionLine', () => {
  it('prints a Powertools line as level, message and its own fields, leaving out the context every line carries', () => {
    const line = JSON.stringify({
      level: 'INFO',
      message: 'profile updated',
      timestamp: '2026-01-01T00:00:00.000Z',
      service: 'liftlog',
      sampling_rate: 0,
      function_request_id: 'r-1',
      cold_start: true,
      userId: 'u-1',
      changed: ['name'],
    });
    expect(formatFunctionLine(LABEL, line)).toBe(`${LABEL}  INFO   profile updated  {userId: u-1, changed: ["name"]}`);
  });

  it('prints an error field as its name and message', () => {
    const line = JSON.stringify({
      level: 'ERROR',
      message: 'failed',
      error: { name: 'TypeError', message: 'x is undefined', location: 'a.js:1', stack: 'TypeError: …' },
    });
    expect(formatFunctionLine(LABEL, line)).toBe(`${LABEL}  ERROR  failed  {error: TypeError: x is undefined (a.js:1)}`);
  });

  it('prints an EMF metrics line as its values', () => {
    const line = JSON.stringify({
      _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'AppBackends', Dimensions: [['service']], Metrics: [{ Name: 'UserCreated', Unit: 'Count' }] }] },
      service: 'liftlog',
      UserCreated: 1,
    });
    expect(formatFunctionLine(LABEL, line)).toBe(`${LABEL}  METRIC  UserCreated=1`);
  });

  it('prints anything else as written', () => {
    expect(formatFunctionLine(LABEL, 'plain text')).toBe(`${LABEL}  plain text`);
    expect(formatFunctionLine(LABEL, '{"not": "a log line"}')).toBe(`${LABEL}  {"not": "a log line"}`);
    expect(formatFunctionLine(LABEL, '{broken')).toBe(`${LABEL}  {broken`);
  });
});

describe('eachLine', () => {
  it('calls back once per line, however the chunks split them, including a last unterminated one', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    eachLine(stream, (line) => lines.push(line));
    stream.write('first li');
    stream.write('ne\nsecond\r\nthi');
    stream.end('rd');
    await new Promise((resolve) => stream.on('end', resolve));
    expect(lines).toEqual(['first line', 'second', 'third']);
  });
});
