/** What the timeline shows of a tweet's text: escaped, line breaks kept, contact data masked for anyone but the author. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, maskContactData, nl2br, renderTweetText } from '../../../functions/penhas/timeline/tweet-text.ts';

describe('maskContactData', () => {
  it.each([
    ['liga 11 98765-4321', 'liga ** *****-****'],
    ['(21) 3456-7890 à noite', '(**) ****-**** à noite'],
    ['zap 11987654321', 'zap ***********'],
    ['escreve para ana.souza@example.com.br', 'escreve para ***.*****@*******.***.**'],
    ['cpf 529.982.247-25 ok', 'cpf ***.***.***-** ok'],
    ['cpf 52998224725', 'cpf ***********'],
    ['id abcdefab-abcd-4bcd-abcd-abcdefabcdef', 'id *******-****-****-****-************'],
  ])('masks %j', (text, masked) => {
    expect(maskContactData(text)).toBe(masked);
  });

  it('keeps toll-free numbers, invalid CPFs, dates and plain text', () => {
    expect(maskContactData('ligue 0800 123 4567')).toBe('ligue 0800 123 4567');
    expect(maskContactData('nasci em 14/05/1990')).toBe('nasci em 14/05/1990');
    expect(maskContactData('123.456.789-00')).toBe('123.456.789-00');
    expect(maskContactData('hoje foi um dia difícil, mas estou bem')).toBe('hoje foi um dia difícil, mas estou bem');
  });

  it('never lengthens a text nor leaves an e-mail address readable', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z0-9]{1,10}(\.[a-z0-9]{1,5})?@[a-z0-9]{1,10}\.[a-z]{2,4}$/), (text, address) => {
        const masked = maskContactData(`${text} ${address} ${text}`);
        expect(masked.length).toBe(text.length * 2 + address.length + 2);
        expect(masked).not.toContain(address);
      }),
    );
  });
});

describe('renderTweetText', () => {
  it('escapes HTML and marks line breaks as the original did', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(nl2br('a\nb')).toBe('a <br/> &nbsp;&nbsp; b');
    expect(nl2br('a  b')).toBe('a &nbsp;&nbsp; b');
  });

  it('shows the author her own text unmasked', () => {
    expect(renderTweetText('me liga 11 98765-4321', true)).toBe('me liga 11 98765-4321');
    expect(renderTweetText('me liga 11 98765-4321', false)).toBe('me liga ** *****-****');
  });

  it('never lets markup through, masked or not', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, own) => {
        expect(renderTweetText(text, own)).not.toMatch(/<(?!br\/>)/);
      }),
    );
  });
});
