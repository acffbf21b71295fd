/**
 * What an uploaded recording is, read from its bytes: the app records AAC in
 * an ADTS stream (`.aac`, Android) or in an MP4 container (`.m4a`/`.mp4`,
 * iOS). The original accepted those three extensions and re-encoded every file
 * with ffmpeg; here the file is kept as recorded, so its first bytes must show
 * it really is one of the two.
 */
import { badRequest } from '../errors.ts';

export type AudioContainer = 'adts' | 'mp4';

/** The extensions the original accepted for audio. */
const AUDIO_EXTENSIONS = /^(aac|m4a|mp4)$/i;

/** An ADTS frame begins with 12 set sync bits, layer 0. */
const isAdts = (bytes: Uint8Array): boolean => bytes.length > 7 && bytes[0] === 0xff && (bytes[1] & 0xf6) === 0xf0;

/** An MP4 file begins with a box of type `ftyp`. */
const isMp4 = (bytes: Uint8Array): boolean => bytes.length > 12 && bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70;

/** The file's extension (lowercase, '' without one). */
export const extensionOf = (filename: string): string => (filename.includes('.') ? (filename.split('.').pop() ?? '').toLowerCase() : '');

/** Refuses a name that is not an audio file of the app's, as the original did before reading it. */
export function checkAudioExtension(extension: string): void {
  if (!AUDIO_EXTENSIONS.test(extension)) throw badRequest('unsupported_media_type', 'Tipo de arquivo não é suportado.');
}

/** The container the bytes hold; the original's answer for a file ffmpeg could not read otherwise. */
export function audioContainer(bytes: Uint8Array): AudioContainer {
  if (isAdts(bytes)) return 'adts';
  if (isMp4(bytes)) return 'mp4';
  throw badRequest('unsupported_media_type', 'O arquivo de áudio está corrompido ou não é suportado.');
}

export const CONTENT_TYPES: Record<AudioContainer, string> = { adts: 'audio/aac', mp4: 'audio/mp4' };
export const FILE_EXTENSIONS: Record<AudioContainer, string> = { adts: 'aac', mp4: 'm4a' };
