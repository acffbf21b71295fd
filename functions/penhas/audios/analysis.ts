/**
 * A recording's duration and waveform, from its AAC decoded to PCM. The
 * original ran ffprobe for the duration and ffmpeg's `compand,showwavespic`
 * for a 420×80 PNG; neither binary runs on Lambda without a layer of native
 * code, so the AAC is decoded by FAAD2 compiled to WebAssembly
 * (`@audio/decode-aac`, the same on x86 and arm64), and the picture is drawn
 * from the decoded peaks here.
 *
 * ADTS streams (what the Android app records) are decoded in slices and only
 * one peak per 10 ms is kept, so a 35 MB recording never holds its PCM in
 * memory; an MP4 file is decoded whole, its index being at either end.
 */
import { decoder } from '@audio/decode-aac';
import type { AudioContainer } from './audio-format.ts';
import { encodePng } from './png.ts';

export const WAVEFORM_WIDTH = 420;
export const WAVEFORM_HEIGHT = 80;
/** The original's bar colour (its ffmpeg call names it); transparent elsewhere. */
const BAR_RGB = [0x9f, 0x63, 0xff] as const;
const PEAKS_PER_SECOND = 100;
const SLICE_BYTES = 256 * 1024;

export interface AudioAnalysis {
  /** Seconds, to the millisecond. */
  durationSeconds: number;
  /** The waveform picture: a PNG, base64. */
  waveform: string;
}

export class UnreadableAudio extends Error {}

/** Keeps the loudest sample of each 10 ms of the decoded output, across channels. */
class PeakCollector {
  sampleRate = 0;
  samples = 0;
  readonly peaks: number[] = [];
  private blockPeak = 0;
  private blockFill = 0;

  add(channelData: Float32Array[], sampleRate: number): void {
    if (!channelData.length || !channelData[0].length) return;
    if (!this.sampleRate) this.sampleRate = sampleRate;
    const block = Math.max(1, Math.round(this.sampleRate / PEAKS_PER_SECOND));
    const length = channelData[0].length;
    for (let i = 0; i < length; i++) {
      for (const channel of channelData) {
        const value = Math.abs(channel[i]);
        if (value > this.blockPeak) this.blockPeak = value;
      }
      if (++this.blockFill === block) this.closeBlock();
    }
    this.samples += length;
  }

  finish(): void {
    if (this.blockFill) this.closeBlock();
  }

  private closeBlock() {
    this.peaks.push(Math.min(1, this.blockPeak));
    this.blockPeak = 0;
    this.blockFill = 0;
  }
}

export async function analyseAudio(bytes: Uint8Array, container: AudioContainer): Promise<AudioAnalysis> {
  const aac = await decoder();
  const peaks = new PeakCollector();
  try {
    if (container === 'adts') {
      for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
        const { channelData, sampleRate } = aac.decode(bytes.subarray(offset, offset + SLICE_BYTES));
        peaks.add(channelData, sampleRate);
      }
    } else {
      const { channelData, sampleRate } = aac.decode(bytes);
      peaks.add(channelData, sampleRate);
    }
  } catch (error) {
    throw new UnreadableAudio(`the AAC decoder failed: ${(error as Error).message}`);
  } finally {
    aac.free();
  }
  peaks.finish();
  if (!peaks.samples || !peaks.sampleRate) throw new UnreadableAudio('no audio was decoded');
  return {
    durationSeconds: Math.round((peaks.samples / peaks.sampleRate) * 1000) / 1000,
    waveform: drawWaveform(peaks.peaks).toString('base64'),
  };
}

/**
 * Bars mirrored around the middle line, one per column, each the loudest peak
 * of its slice of time. A square-root curve stands in for ffmpeg's `compand`:
 * speech well below full scale still shows.
 */
export function drawWaveform(peaks: number[]): Buffer {
  const width = WAVEFORM_WIDTH;
  const height = WAVEFORM_HEIGHT;
  const rgba = Buffer.alloc(width * height * 4);
  const middle = height / 2;
  for (let x = 0; x < width; x++) {
    const from = Math.floor((x * peaks.length) / width);
    const to = Math.max(from + 1, Math.floor(((x + 1) * peaks.length) / width));
    let peak = 0;
    for (let i = from; i < to && i < peaks.length; i++) peak = Math.max(peak, peaks[i]);
    const half = Math.max(0.5, Math.sqrt(peak) * middle);
    for (let y = Math.floor(middle - half); y < Math.ceil(middle + half); y++) {
      const at = (y * width + x) * 4;
      rgba[at] = BAR_RGB[0];
      rgba[at + 1] = BAR_RGB[1];
      rgba[at + 2] = BAR_RGB[2];
      rgba[at + 3] = 0xff;
    }
  }
  return encodePng(width, height, rgba);
}
