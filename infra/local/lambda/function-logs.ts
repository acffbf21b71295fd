/**
 * What a function writes to stdout and stderr, one line at a time, made
 * readable for a developer: Powertools' JSON lines become
 * `liftlog/users-put-user  INFO   message  {key: value}` (the fields every line
 * carries left out), EMF metric lines `METRIC  Name=1`, and anything else is
 * printed as written, after the function's label.
 */
import type { Readable } from 'node:stream';

/** Fields Powertools puts on every line: noise when reading one function's output. */
const CONTEXT_FIELDS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
]);

/** Calls `line` once per complete line the stream carries (a last unterminated line included). */
export function eachLine(stream: Readable, line: (text: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop()!;
    for (const part of parts) line(part.replace(/\r$/, ''));
  });
  stream.on('end', () => {
    if (pending) line(pending);
    pending = '';
  });
}

export function formatFunctionLine(label: string, line: string): string {
  const parsed = parseObject(line);
  if (!parsed) return `${label}  ${line}`;
  if (isMetrics(parsed)) return `${label}  METRIC  ${metricValues(parsed)}`;
  if (typeof parsed.level !== 'string' || !('message' in parsed)) return `${label}  ${line}`;
  const extra = Object.entries(parsed).filter(([key]) => !CONTEXT_FIELDS.has(key));
  const fields = extra.length ? `  {${extra.map(([key, value]) => `${key}: ${show(value)}`).join(', ')}}` : '';
  return `${label}  ${parsed.level.padEnd(5)}  ${show(parsed.message)}${fields}`;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isMetrics(line: Record<string, unknown>): boolean {
  const aws = line._aws as { CloudWatchMetrics?: unknown } | undefined;
  return Array.isArray(aws?.CloudWatchMetrics);
}

function metricValues(line: Record<string, unknown>): string {
  const definitions = (line._aws as { CloudWatchMetrics: Array<{ Metrics?: Array<{ Name: string }> }> }).CloudWatchMetrics;
  const names = definitions.flatMap((definition) => (definition.Metrics ?? []).map((metric) => metric.Name));
  return names.map((name) => `${name}=${show(line[name])}`).join(', ');
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'name' in value && 'message' in value) {
    const error = value as { name: unknown; message: unknown; location?: unknown };
    return `${String(error.name)}: ${String(error.message)}${error.location ? ` (${String(error.location)})` : ''}`;
  }
  return JSON.stringify(value) ?? String(value);
}
