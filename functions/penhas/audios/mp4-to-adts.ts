/**
 * The AAC of an MP4 file (what iOS records) as an ADTS stream, without
 * re-encoding: each access unit of the audio track gets the 7-byte ADTS
 * header its codec configuration (the `esds` AudioSpecificConfig) describes.
 * ADTS streams join by concatenation, so an event recorded in MP4 parts
 * downloads as one file, as the original's `ffmpeg -acodec copy` gave it.
 *
 * Only what that needs is read: moov › trak › mdia › minf › stbl (`stsd`
 * with an `mp4a` entry, `stsz`, `stsc`, `stco`/`co64`).
 */

export class NotAacInMp4 extends Error {}

interface Box {
  type: string;
  start: number;
  end: number;
}

function* boxes(bytes: Uint8Array, start: number, end: number): Generator<Box> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) throw new NotAacInMp4(`box ${type} runs past its parent`);
    yield { type, start: at + header, end: at + size };
    at += size;
  }
}

const child = (bytes: Uint8Array, parent: Box, type: string): Box | undefined => {
  for (const box of boxes(bytes, parent.start, parent.end)) if (box.type === type) return box;
  return undefined;
};

/** An MPEG-4 descriptor's length: up to four bytes of 7 bits each. */
function descriptorAt(bytes: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = bytes[at];
  let length = 0;
  let i = at + 1;
  for (let n = 0; n < 4; n++) {
    const byte = bytes[i++];
    length = (length << 7) | (byte & 0x7f);
    if (!(byte & 0x80)) break;
  }
  return { tag, start: i, end: i + length };
}

/** The AudioSpecificConfig inside an `esds` box. */
function audioSpecificConfig(bytes: Uint8Array, esds: Box): Uint8Array {
  const es = descriptorAt(bytes, esds.start + 4);
  if (es.tag !== 0x03) throw new NotAacInMp4('no ES descriptor');
  const flags = bytes[es.start + 2];
  let at = es.start + 3;
  if (flags & 0x80) at += 2;
  if (flags & 0x40) at += 1 + bytes[at];
  if (flags & 0x20) at += 2;
  const config = descriptorAt(bytes, at);
  if (config.tag !== 0x04 || bytes[config.start] !== 0x40) throw new NotAacInMp4('the track is not MPEG-4 audio');
  const specific = descriptorAt(bytes, config.start + 13);
  if (specific.tag !== 0x05) throw new NotAacInMp4('no AudioSpecificConfig');
  return bytes.subarray(specific.start, specific.end);
}

interface AdtsParameters {
  /** ADTS profile: the audio object type less one (Main 0, LC 1, SSR 2, LTP 3). */
  profile: number;
  frequencyIndex: number;
  channels: number;
}

/** ADTS carries the core AAC of HE-AAC (its SBR/PS found again by the decoder), so explicit SBR signalling is read through. */
function adtsParameters(asc: Uint8Array): AdtsParameters {
  let bit = 0;
  const read = (count: number) => {
    let value = 0;
    for (let i = 0; i < count; i++, bit++) value = (value << 1) | ((asc[bit >> 3] >> (7 - (bit & 7))) & 1);
    return value;
  };
  const objectType = () => {
    const type = read(5);
    return type === 31 ? 32 + read(6) : type;
  };
  const frequency = () => {
    const index = read(4);
    if (index === 15) throw new NotAacInMp4('an explicit sampling rate has no ADTS index');
    return index;
  };
  let type = objectType();
  let frequencyIndex = frequency();
  const channels = read(4);
  if (type === 5 || type === 29) {
    frequency(); // the SBR output rate; ADTS gives the core rate
    type = objectType();
  }
  if (type < 1 || type > 4) throw new NotAacInMp4(`audio object type ${type} has no ADTS profile`);
  if (channels < 1 || channels > 7) throw new NotAacInMp4(`channel configuration ${channels} has no ADTS form`);
  frequencyIndex = Math.min(frequencyIndex, 12);
  return { profile: type - 1, frequencyIndex, channels };
}

function sampleEntry(bytes: Uint8Array, stsd: Box): Box {
  const entries = { type: 'stsd', start: stsd.start + 8, end: stsd.end };
  const mp4a = child(bytes, entries, 'mp4a');
  if (!mp4a) throw new NotAacInMp4('the track is not AAC');
  const version = (bytes[mp4a.start + 8] << 8) | bytes[mp4a.start + 9];
  // A sound sample entry: 28 bytes (version 0), 16 more (1), 36 more (2), then its boxes.
  const fields = 28 + (version === 1 ? 16 : version === 2 ? 36 : 0);
  return { type: 'mp4a', start: mp4a.start + fields, end: mp4a.end };
}

/** Each access unit's offset and size, from the sample table. */
function* samples(bytes: Uint8Array, stbl: Box): Generator<[number, number]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stsz = child(bytes, stbl, 'stsz');
  const stsc = child(bytes, stbl, 'stsc');
  const stco = child(bytes, stbl, 'stco');
  const co64 = child(bytes, stbl, 'co64');
  if (!stsz || !stsc || !(stco || co64)) throw new NotAacInMp4('no sample table');
  const uniform = view.getUint32(stsz.start + 4);
  const count = view.getUint32(stsz.start + 8);
  const sizeOf = (i: number) => (uniform ? uniform : view.getUint32(stsz.start + 12 + i * 4));
  const chunks = stco ? view.getUint32(stco.start + 4) : view.getUint32(co64!.start + 4);
  const chunkOffset = (i: number) => (stco ? view.getUint32(stco.start + 8 + i * 4) : Number(view.getBigUint64(co64!.start + 8 + i * 8)));
  const runs = view.getUint32(stsc.start + 4);
  const run = (i: number) => ({ firstChunk: view.getUint32(stsc.start + 8 + i * 12) - 1, perChunk: view.getUint32(stsc.start + 12 + i * 12) });
  let sample = 0;
  for (let r = 0; r < runs && sample < count; r++) {
    const { firstChunk, perChunk } = run(r);
    const lastChunk = r + 1 < runs ? run(r + 1).firstChunk : chunks;
    for (let chunk = firstChunk; chunk < lastChunk && sample < count; chunk++) {
      let offset = chunkOffset(chunk);
      for (let s = 0; s < perChunk && sample < count; s++, sample++) {
        const size = sizeOf(sample);
        if (offset + size > bytes.length) throw new NotAacInMp4('a sample lies past the end of the file');
        yield [offset, size];
        offset += size;
      }
    }
  }
}

function adtsHeader({ profile, frequencyIndex, channels }: AdtsParameters, payload: number): Buffer {
  const length = payload + 7;
  if (length > 0x1fff) throw new NotAacInMp4('an access unit too large for ADTS');
  return Buffer.from([
    0xff,
    0xf1, // MPEG-4, layer 0, no CRC
    (profile << 6) | (frequencyIndex << 2) | (channels >> 2),
    ((channels & 3) << 6) | (length >> 11),
    (length >> 3) & 0xff,
    ((length & 7) << 5) | 0x1f,
    0xfc, // buffer fullness 0x7FF (variable rate), one raw data block
  ]);
}

/** The first AAC track of the MP4 file as ADTS; NotAacInMp4 when there is none that ADTS can carry. */
export function mp4ToAdts(bytes: Uint8Array): Buffer {
  const file = { type: 'file', start: 0, end: bytes.length };
  const moov = child(bytes, file, 'moov');
  if (!moov) throw new NotAacInMp4('no moov box');
  for (const trak of boxes(bytes, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue;
    const stbl = ['mdia', 'minf', 'stbl'].reduce<Box | undefined>((box, type) => box && child(bytes, box, type), trak);
    const stsd = stbl && child(bytes, stbl, 'stsd');
    if (!stbl || !stsd || !child(bytes, { type: 'stsd', start: stsd.start + 8, end: stsd.end }, 'mp4a')) continue;
    const esds = child(bytes, sampleEntry(bytes, stsd), 'esds');
    if (!esds) throw new NotAacInMp4('no esds box');
    const parameters = adtsParameters(audioSpecificConfig(bytes, esds));
    const parts: Uint8Array[] = [];
    for (const [offset, size] of samples(bytes, stbl)) parts.push(adtsHeader(parameters, size), bytes.subarray(offset, offset + size));
    return Buffer.concat(parts);
  }
  throw new NotAacInMp4('no AAC track');
}
