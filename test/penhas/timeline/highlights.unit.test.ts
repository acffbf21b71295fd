/** Highlighted words in tweets (add_tweets_highlights of 011-rss.t). */
import { describe, expect, it } from 'vitest';
import { highlightSource } from '../../../functions/penhas/news/news.ts';
import { applyHighlights } from '../../../functions/penhas/timeline/highlights.ts';

const news = (id: number) => ({ id, title: `Notícia ${id}`, hyperlink: `https://n.example/${id}`, fonte: 'Fonte' });
const prepared = (id: number, header: string, match: string, is_regexp = false) => ({
  id,
  tag_id: id,
  header,
  source: highlightSource({ match, is_regexp })!,
  news: [news(id)],
});

describe('applyHighlights', () => {
  it('colours whole words only, as the original did', () => {
    const tweets = [
      { type: 'tweet', content: 'keep as it is' },
      { type: 'tweet', content: 'mod because cited shiraNAI in the text shiranai' },
      { type: 'tweet', content: 'notshiranai is not wordbreaking' },
    ];
    const out = applyHighlights(
      tweets,
      [prepared(1, 'forced', 'shiranai', true)],
      (n) => `/r/${n.id}`,
      () => 0,
    );
    expect(out.map((item) => ('content' in item ? item.content : item.type))).toEqual([
      'keep as it is',
      'mod because cited <span style="color: #f982b4">shiraNAI</span> in the text <span style="color: #f982b4">shiranai</span>',
      'related_news',
      'notshiranai is not wordbreaking',
    ]);
    expect(out[2]).toEqual({ type: 'related_news', header: 'forced', news: [{ href: '/r/1', title: 'Notícia 1', source: 'Fonte' }] });
  });

  it('names the tags "A, B e C", each once', () => {
    const highlights = [prepared(1, 'A', 'um'), prepared(2, 'B', 'dois'), prepared(3, 'C', 'três|tres'), prepared(4, 'A', 'quatro')];
    const [, related] = applyHighlights(
      [{ type: 'tweet', content: 'um dois três quatro' }],
      highlights,
      (n) => String(n.id),
      () => 0,
    );
    expect(related).toMatchObject({ header: 'A, B e C', news: [{ href: '1' }, { href: '2' }, { href: '3' }, { href: '4' }] });
  });

  it('skips invalid expressions and empty word lists', () => {
    expect(highlightSource({ match: 'abc(\\', is_regexp: true })).toBeUndefined();
    expect(highlightSource({ match: ' | ', is_regexp: false })).toBeUndefined();
    expect(highlightSource({ match: 'a.b|c', is_regexp: false })).toBe('a\\.b|c');
  });
});
