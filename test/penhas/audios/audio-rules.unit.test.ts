/**
 * The audio feature's pure rules: the phone's times and their correction,
 * the original's formats of lengths and sizes, the access lifecycle by age,
 * what a file is by its first bytes, the sequence list of a download, the
 * MP4-to-ADTS rewrap and the waveform picture (real AAC through the decoder).
 */
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseAudio, drawWaveform, WAVEFORM_HEIGHT, WAVEFORM_WIDTH } from '../../../functions/penhas/audios/analysis.ts';
import { audioContainer } from '../../../functions/penhas/audios/audio-format.ts';
import { parseSequences } from '../../../functions/penhas/audios/downloads.ts';
import { AUDIO_STATUSES, type AudioStatus, currentStatus, isDownloadGranted, isVisible } from '../../../functions/penhas/audios/lifecycle.ts';
import { mp4ToAdts, NotAacInMp4 } from '../../../functions/penhas/audios/mp4-to-adts.ts';
import { correctedClientTime, parseClientTime } from '../../../functions/penhas/audios/recordings.ts';
import { humanizeBytes, minutesAndSeconds, roundedSeconds } from '../../../functions/penhas/audios/texts.ts';
import { ADTS_3S, MP4_2S } from './audio-fixtures.ts';

const DAY = 86_400_000;

describe('parseClientTime', () => {
  it('reads the times the app sends, a time without a zone as UTC', () => {
    expect(parseClientTime('2047-01-01T00:33:54Z')?.toISOString()).toBe('2047-01-01T00:33:54.000Z');
    expect(parseClientTime('2026-12-02T05:31:19.123456Z')?.toISOString()).toBe('2026-12-02T05:31:19.123Z');
    expect(parseClientTime('2026-12-02 05:31:19')?.toISOString()).toBe('2026-12-02T05:31:19.000Z');
    expect(parseClientTime('2026-12-02T05:31:19-03:00')?.toISOString()).toBe('2026-12-02T08:31:19.000Z');
  });

  it('refuses anything else, whatever it is', () => {
    for (const value of ['', 'ontem', '2026-13-45T99:99:99Z', '1764650000000', '2026-12-02']) expect(parseClientTime(value)).toBeUndefined();
    fc.assert(fc.property(fc.string(), (value) => parseClientTime(value) === undefined || /^\d{4}-\d{2}-\d{2}[T ]/i.test(value)));
  });
});

describe('correctedClientTime', () => {
  it('moves the recording by the phone’s error when it exceeds 10 s, and leaves it otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 3600 }), (skewSeconds, ageSeconds) => {
        const now = new Date('2026-12-02T05:00:00Z');
        const phoneNow = new Date(now.getTime() - skewSeconds * 1000);
        const recordedOnPhone = new Date(phoneNow.getTime() - ageSeconds * 1000);
        const corrected = correctedClientTime(recordedOnPhone, phoneNow, now);
        const expected = Math.abs(skewSeconds) > 10 ? now.getTime() - ageSeconds * 1000 : recordedOnPhone.getTime();
        expect(corrected.getTime()).toBe(expected);
      }),
    );
  });
});

describe('the original’s formats', () => {
  it('writes lengths as the original did', () => {
    expect([minutesAndSeconds(33.252), minutesAndSeconds(0), minutesAndSeconds(138.9), minutesAndSeconds(3725)]).toEqual(['0m33s', '0m00s', '2m18s', '2m05s']);
    expect([roundedSeconds(15.883), roundedSeconds(17.369), roundedSeconds(3)]).toEqual(['16s', '18s', '3s']);
  });

  it('writes sizes in binary units, one decimal below ten', () => {
    expect([humanizeBytes(0), humanizeBytes(1023), humanizeBytes(1024), humanizeBytes(19_916), humanizeBytes(444_600), humanizeBytes(2 * 1024 ** 2)]).toEqual([
      '0B',
      '1023B',
      '1KiB',
      '19KiB',
      '434KiB',
      '2MiB',
    ]);
    expect(humanizeBytes(1536)).toBe('1.5KiB');
  });
});

describe('currentStatus', () => {
  const now = new Date('2030-06-01T12:00:00Z');
  const createdDaysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

  it('follows the original’s thresholds', () => {
    expect(currentStatus('free_access', createdDaysAgo(2.9), now)).toBe('free_access');
    expect(currentStatus('free_access', createdDaysAgo(3), now)).toBe('blocked_access');
    expect(currentStatus('blocked_access', createdDaysAgo(30), now)).toBe('hidden');
    expect(currentStatus('free_access_by_admin', createdDaysAgo(35), now)).toBe('free_access_by_admin');
    expect(currentStatus('free_access_by_admin', createdDaysAgo(40), now)).toBe('hidden');
    expect(currentStatus('hidden', createdDaysAgo(5 * 365 + 1), now)).toBe('delete_from_s3');
  });

  it('never frees an event with age, and never shows a hidden one', () => {
    const order: Record<AudioStatus, number> = { free_access: 0, free_access_by_admin: 0, blocked_access: 1, hidden: 2, delete_from_s3: 3 };
    fc.assert(
      fc.property(fc.constantFrom(...AUDIO_STATUSES), fc.double({ min: 0, max: 4000, noNaN: true }), (stored, days) => {
        const status = currentStatus(stored, createdDaysAgo(days), now);
        expect(order[status]).toBeGreaterThanOrEqual(order[stored]);
        if (!isVisible(stored)) expect(isVisible(status)).toBe(false);
        if (isDownloadGranted(status)) expect(isDownloadGranted(stored)).toBe(true);
      }),
    );
  });
});

describe('audioContainer', () => {
  it('tells ADTS from MP4 by the first bytes, and refuses the rest', () => {
    expect(audioContainer(ADTS_3S)).toBe('adts');
    expect(audioContainer(MP4_2S)).toBe('mp4');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (bytes) => {
        const looksAudio = (bytes[0] === 0xff && (bytes[1] & 0xf6) === 0xf0) || String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp';
        if (looksAudio && bytes.length > 12) return;
        expect(() => audioContainer(bytes)).toThrow();
      }),
    );
  });
});

describe('parseSequences', () => {
  it('takes all or a comma-separated list of numbers, nothing else', () => {
    expect(parseSequences('all')).toBe('all');
    expect(parseSequences('2,1')).toEqual([2, 1]);
    for (const value of ['', '1,', ',1', '1;2', 'ALL', '-1', '1.5']) expect(parseSequences(value)).toBeUndefined();
  });
});

describe('mp4ToAdts', () => {
  it('rewraps the AAC of an MP4 file frame by frame, decoding to the same audio', async () => {
    const adts = mp4ToAdts(MP4_2S);
    expect(audioContainer(adts)).toBe('adts');
    // 64 frames: each 7-byte header more, the MP4 boxes less.
    expect(adts.length).toBeLessThan(MP4_2S.length);
    const [fromMp4, fromAdts] = await Promise.all([analyseAudio(MP4_2S, 'mp4'), analyseAudio(adts, 'adts')]);
    expect(fromMp4.durationSeconds).toBe(2);
    // ADTS has no edit list: the decoder's delay frame and the encoder's priming stay in.
    expect(fromAdts.durationSeconds).toBeCloseTo(2.016, 3);
  });

  it('refuses a file that is not AAC in MP4, however broken', () => {
    expect(() => mp4ToAdts(ADTS_3S)).toThrow(NotAacInMp4);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MP4_2S.length - 1 }), (cut) => {
        try {
          mp4ToAdts(MP4_2S.subarray(0, cut));
        } catch (error) {
          expect(error).toBeInstanceOf(NotAacInMp4);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the waveform', () => {
  it('is a 420×80 RGBA PNG whose bars follow the loudness', () => {
    const png = drawWaveform([0, 0.25, 1, 0.25, 0]);
    expect(png.readUInt32BE(16)).toBe(WAVEFORM_WIDTH);
    expect(png.readUInt32BE(20)).toBe(WAVEFORM_HEIGHT);
    const idat = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const opaqueInColumn = (x: number) => {
      let count = 0;
      for (let y = 0; y < WAVEFORM_HEIGHT; y++) if (raw[y * (WAVEFORM_WIDTH * 4 + 1) + 1 + x * 4 + 3] === 0xff) count++;
      return count;
    };
    // The loud middle fills the height, a quarter half of it (square-root curve), silence a thin middle line.
    expect(opaqueInColumn(210)).toBe(WAVEFORM_HEIGHT);
    expect(opaqueInColumn(100)).toBe(WAVEFORM_HEIGHT / 2);
    expect(opaqueInColumn(0)).toBe(2);
  });

  it('comes with the duration from the real recording', async () => {
    const analysis = await analyseAudio(ADTS_3S, 'adts');
    expect(analysis.durationSeconds).toBeCloseTo(3.008, 3);
    expect(Buffer.from(analysis.waveform, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });
});
