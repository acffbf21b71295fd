/**
 * The ASP.NET SignalR JSON hub protocol, as far as the app uses it. Every
 * record is a JSON object followed by the record separator (0x1E); one
 * WebSocket message may carry several. The first record a client sends is the
 * handshake (`{"protocol":"json","version":1}`), answered `{}` or `{"error":…}`.
 */
import * as z from 'zod/mini';

const SEPARATOR = '\x1e';

/**
 * A client sends one record per message (two with a ping): a message may hold
 * at most this many, and at most MAX_INVOCATIONS_PER_MESSAGE of them may call
 * methods. Beyond that the message is refused whole, before any record is read
 * or answered, so no message buys more work than a few ordinary ones.
 */
export const MAX_RECORDS_PER_MESSAGE = 16;
export const MAX_INVOCATIONS_PER_MESSAGE = 4;

const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
} as const;

export type ClientRecord =
  | { kind: 'handshake'; protocol: string; version: number }
  | { kind: 'invocation'; invocationId?: string; target: string; arguments: unknown[] }
  | { kind: 'streamInvocation'; invocationId?: string }
  | { kind: 'ping' }
  | { kind: 'close' }
  /** Records the server has nothing to answer to (stream items, cancellations, acks). */
  | { kind: 'ignored' };

export class ProtocolError extends Error {}

const handshake = z.object({ protocol: z.string(), version: z.number() });
const typed = z.object({ type: z.number().check(z.int()) });
const invocation = z.object({
  invocationId: z.optional(z.string()),
  target: z.string().check(z.minLength(1)),
  arguments: z._default(z.array(z.unknown()), []),
});

function readRecord(text: string): ClientRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError('a record is not valid JSON');
  }
  const greeting = handshake.safeParse(value);
  if (greeting.success && !typed.safeParse(value).success) return { kind: 'handshake', ...greeting.data };
  const { type } = typed.safeParse(value).data ?? {};
  switch (type) {
    case MessageType.Invocation: {
      const call = invocation.safeParse(value);
      if (!call.success) throw new ProtocolError('an invocation needs a target and an arguments array');
      return { kind: 'invocation', ...call.data };
    }
    case MessageType.StreamInvocation:
      return { kind: 'streamInvocation', invocationId: z.partial(invocation).safeParse(value).data?.invocationId };
    case MessageType.Ping:
      return { kind: 'ping' };
    case MessageType.Close:
      return { kind: 'close' };
    case undefined:
      throw new ProtocolError('a record has no message type');
    default:
      return { kind: 'ignored' };
  }
}

/**
 * The records of one WebSocket message; ProtocolError when it is not a sequence
 * of separated JSON records, holds more than the bounds allow, or has a
 * handshake anywhere but first.
 */
export function readRecords(message: string): ClientRecord[] {
  if (!message.endsWith(SEPARATOR)) throw new ProtocolError('records must end with the record separator');
  const texts = message.slice(0, -1).split(SEPARATOR);
  if (texts.length > MAX_RECORDS_PER_MESSAGE) throw new ProtocolError(`a message may hold at most ${MAX_RECORDS_PER_MESSAGE} records`);
  const records = texts.map(readRecord);
  const invocations = records.filter((record) => record.kind === 'invocation' || record.kind === 'streamInvocation').length;
  if (invocations > MAX_INVOCATIONS_PER_MESSAGE) throw new ProtocolError(`a message may hold at most ${MAX_INVOCATIONS_PER_MESSAGE} invocations`);
  if (records.some((record, i) => record.kind === 'handshake' && i > 0)) throw new ProtocolError('the handshake must come first');
  return records;
}

const record = (message: object) => JSON.stringify(message) + SEPARATOR;

export const handshakeAccepted = () => record({});
export const handshakeRefused = (error: string) => record({ error });
/** A call of a client method, which expects no answer (so it carries no invocation id). */
export const invokeClient = (target: string, args: unknown[]) => record({ type: MessageType.Invocation, target, arguments: args });
export const completion = (invocationId: string, error?: string) =>
  record(error === undefined ? { type: MessageType.Completion, invocationId } : { type: MessageType.Completion, invocationId, error });
export const ping = () => record({ type: MessageType.Ping });
export const closing = (error?: string) =>
  record(error === undefined ? { type: MessageType.Close } : { type: MessageType.Close, error, allowReconnect: false });
/** What ASP.NET SignalR completes an invocation with when its method threw (the details stay in the server's logs). */
export const unexpectedInvocationError = (target: string) => `An unexpected error occurred invoking '${target}' on the server.`;
