/**
 * Keyword matching as the original's full-text search did it in spirit:
 * lowercase, accents removed, Portuguese stop words ignored, each remaining
 * keyword must match a word of the point (by its stem: plural endings dropped,
 * and a word matching by prefix), all keywords together.
 */

/** Lowercase with accents (combining marks) removed. */
export const searchText = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const STOP_WORDS = new Set(
  'a o as os e de da do das dos em na no nas nos um uma uns umas para por pra com sem que ao aos à às se ou'.split(' ').map((w) => searchText(w)),
);

const words = (text: string): string[] =>
  searchText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

function stem(word: string): string {
  if (word.length > 4 && /(oes|aes)$/.test(word)) return word.slice(0, -3);
  if (word.length > 4 && /[rzl]es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The stems a search asks for; empty when the keywords hold only stop words. */
export function keywordStems(keywords: string): string[] {
  return [
    ...new Set(
      words(keywords)
        .filter((w) => !STOP_WORDS.has(w))
        .map(stem),
    ),
  ];
}

/** Whether every stem matches the start of some word of the indexed text. */
export function matchesKeywords(index: string, stems: readonly string[]): boolean {
  if (stems.length === 0) return true;
  const indexed = words(index);
  return stems.every((s) => indexed.some((w) => w.startsWith(s) || stem(w) === s));
}
