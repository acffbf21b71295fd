/**
 * API Gateway refuses WebSocket frames over 32 KB even when the whole message
 * fits its 128 KB limit. `ws` only bounds messages, so this reads the frame
 * headers (RFC 6455 §5.2) in the bytes a client sends, alongside `ws`.
 */
export class FrameSizeWatch {
  /** Header bytes of the frame being read (2 to 14). */
  private header: number[] = [];
  /** Payload bytes of the current frame not yet seen. */
  private payloadLeft = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds received bytes in order; answers false as soon as a frame announces a payload over the limit. */
  push(chunk: Buffer): boolean {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.payloadLeft > 0) {
        const skipped = Math.min(this.payloadLeft, chunk.length - offset);
        this.payloadLeft -= skipped;
        offset += skipped;
        continue;
      }
      this.header.push(chunk[offset++]);
      const size = headerSize(this.header);
      if (size === undefined || this.header.length < size) continue;
      const length = payloadLength(this.header);
      this.header = [];
      if (length > this.maxFrameBytes) return false;
      this.payloadLeft = length;
    }
    return true;
  }
}

function headerSize(header: number[]): number | undefined {
  if (header.length < 2) return undefined;
  const length7 = header[1] & 0x7f;
  const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
  const mask = header[1] & 0x80 ? 4 : 0;
  return 2 + extended + mask;
}

function payloadLength(header: number[]): number {
  const length7 = header[1] & 0x7f;
  if (length7 < 126) return length7;
  const extended = header.slice(2, length7 === 126 ? 4 : 10);
  return extended.reduce((length, byte) => length * 256 + byte, 0);
}
