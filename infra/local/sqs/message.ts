/**
 * What a message is made of, and the rules SQS checks on the way in: body
 * characters and size, DelaySeconds, message attributes, and the MD5 digests
 * the SDK verifies on every send and receive.
 */
import { createHash } from 'node:crypto';
import { sqsErrors } from './errors.ts';

/** Largest body plus attributes, in bytes: 1 MiB since SQS raised it from 256 KiB (August 2025); also the most a SendMessageBatch may carry in all. */
export const MAX_MESSAGE_BYTES = 1_048_576;
export const MAX_DELAY_SECONDS = 900;
const MAX_ATTRIBUTES = 10;

/** A message attribute as the JSON protocol carries it: binary values base64-encoded. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface NewMessage {
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  delaySeconds: number;
  senderId: string;
  groupId?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: SQS defines its allowed characters by code point, tab, LF and CR included.
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;

export const md5 = (bytes: string | Buffer) => createHash('md5').update(bytes).digest('hex');

/** Checks a message as SendMessage does; answers its size in bytes. */
export function validateMessage(message: Pick<NewMessage, 'body' | 'attributes' | 'delaySeconds'>): number {
  if (!message.body) throw sqsErrors.missingParameter('MessageBody');
  if (INVALID_CHARACTER.test(message.body)) {
    throw sqsErrors.invalidMessageContents(
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
  if (!Number.isInteger(message.delaySeconds) || message.delaySeconds < 0 || message.delaySeconds > MAX_DELAY_SECONDS) {
    throw sqsErrors.invalidParameter(
      `Value ${message.delaySeconds} for parameter DelaySeconds is invalid. Reason: must be between 0 and ${MAX_DELAY_SECONDS}, if provided.`,
    );
  }
  const size = Buffer.byteLength(message.body) + attributesSize(message.attributes);
  if (size > MAX_MESSAGE_BYTES) {
    throw sqsErrors.invalidParameter(`One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`);
  }
  return size;
}

function attributesSize(attributes: Record<string, MessageAttributeValue>): number {
  const entries = Object.entries(attributes);
  if (entries.length > MAX_ATTRIBUTES) {
    throw sqsErrors.invalidParameter(`Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  }
  let size = 0;
  for (const [name, value] of entries) {
    if (!ATTRIBUTE_NAME.test(name) || /^(aws|amazon)\./i.test(name)) throw sqsErrors.invalidParameter(`Message attribute name '${name}' is invalid.`);
    const type = value?.DataType;
    if (typeof type !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(type) || type.length > 256) {
      throw sqsErrors.invalidParameter(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    const binary = type.startsWith('Binary');
    const raw = binary ? value.BinaryValue : value.StringValue;
    if (typeof raw !== 'string' || raw === '') {
      throw sqsErrors.invalidParameter(`Message (user) attribute '${name}' must contain a non-empty value of type '${binary ? 'Binary' : 'String'}'.`);
    }
    if (type.startsWith('Number') && !Number.isFinite(Number(raw))) {
      throw sqsErrors.invalidParameter(`Could not cast message attribute '${name}' value to number.`);
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(type) + (binary ? Buffer.from(raw, 'base64').length : Buffer.byteLength(raw));
  }
  return size;
}

/** SQS's digest of message attributes: names sorted, each field length-prefixed. */
export function md5OfAttributes(attributes: Record<string, MessageAttributeValue>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of names) {
    const { DataType, StringValue, BinaryValue } = attributes[name];
    const binary = DataType.startsWith('Binary');
    lengthPrefixed(Buffer.from(name));
    lengthPrefixed(Buffer.from(DataType));
    parts.push(Buffer.from([binary ? 2 : 1]));
    lengthPrefixed(binary ? Buffer.from(BinaryValue ?? '', 'base64') : Buffer.from(StringValue ?? ''));
  }
  return md5(Buffer.concat(parts));
}
