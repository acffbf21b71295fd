/** News rules as the original applied them: feed parsing, titles, tag rules and display groups. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDisplayGroups, cleanTitle, compileRuleField, itemLink, matchRules, parseFeed, type RuleTexts } from '../../../functions/penhas/news/news.ts';

const texts = (overrides: Partial<RuleTexts>): RuleTexts => ({
  page_title: '',
  html_article: '',
  page_description: '',
  url: '',
  rss_feed_tags: '',
  rss_feed_content: '',
  ...overrides,
});

describe('parseFeed', () => {
  it('reads RSS 2.0 items with their categories, dates and content', () => {
    const [item] = parseFeed(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>x</title>
      <item><title>“Mulher” teste &amp; mais</title><link>https://a.example/1</link><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate>
      <category>um</category><category>dois</category><description>&lt;p&gt;resumo&lt;/p&gt;</description><content:encoded><![CDATA[<p>texto</p>]]></content:encoded></item>
    </channel></rss>`);
    expect(item).toEqual({
      link: 'https://a.example/1',
      title: '“Mulher” teste & mais',
      published: Date.parse('2024-05-01T10:00:00Z'),
      info: { description: '<p>resumo</p>', content: '<p>texto</p>', author: undefined, tags: ['um', 'dois'] },
    });
  });

  it('reads Atom entries and refuses anything else', () => {
    const [entry] = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link rel="alternate" href="https://a.example/2"/><updated>2024-01-02T00:00:00Z</updated></entry></feed>',
    );
    expect([entry.link, entry.title]).toEqual(['https://a.example/2', 'A']);
    expect(() => parseFeed('<html><body>not a feed</body></html>')).toThrow();
  });

  it('never fails on arbitrary text with anything but an Error', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseFeed(text);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
    );
  });
});

describe('titles and links', () => {
  it('cleans and capitalises as the original (011-rss.t)', () => {
    expect(cleanTitle('TACHIAGARE. DARE MO SOBA NI INAKUTATTE', true)).toBe('Tachiagare. Dare mo Soba ni Inakutatte');
    expect(cleanTitle('Um  <b>título</b>\n &amp; mais', false)).toBe('Um título & mais');
  });

  it('unwraps Google links and keeps only http(s)', () => {
    expect(itemLink('https://www.google.com/url?rct=j&url=https://a.example/x&ct=ga')).toBe('https://a.example/x');
    expect(itemLink('javascript:alert(1)')).toBeUndefined();
  });
});

describe('tag rules', () => {
  it('match whole words unless the field is a regular expression, and honour _not_match', () => {
    expect(compileRuleField('foo|TAG3RSSONLY|tag1', false)?.test('x tag3rssonly y')).toBe(true);
    expect(compileRuleField('tag1', false)?.test('tag10')).toBe(false);
    const rules = [
      { id: 1, tag_id: 7, regexp: true, page_title_match: '\\bde\\b', page_title_not_match: 'apoia pedido' },
      { id: 2, tag_id: 9, regexp: false, rss_feed_tags_match: 'violência doméstica' },
      { id: 3, tag_id: 11, regexp: true, url_match: '(' },
    ];
    expect(matchRules(rules, texts({ page_title: 'Lei de proteção', rss_feed_tags: 'Violência Doméstica' }))).toEqual([7, 9]);
    expect(matchRules(rules, texts({ page_title: 'Ministra de apoia pedido' }))).toEqual([]);
  });
});

describe('buildDisplayGroups', () => {
  it('takes turns between topics in their order, three items at a time', () => {
    const topics = [
      { tag_id: 3, title: 'B', order: 1 },
      { tag_id: 1, title: 'A', order: 0 },
    ];
    const news = [1, 2, 3, 4, 5].map((id) => ({ id, tags_index: id <= 4 ? ',1,' : ',3,' }));
    expect(buildDisplayGroups(topics, news)).toEqual([
      { order: 0, title: 'A', noticias: [1, 2, 3] },
      { order: 1, title: 'B', noticias: [5] },
      { order: 2, title: 'A', noticias: [4] },
    ]);
  });
});
