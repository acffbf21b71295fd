/** The pages' HTML: text is escaped, and the layout is the accessible one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, page } from '../../../functions/penhas/web/html.ts';

const decodeEntities = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!);

describe('escapeHtml', () => {
  it('leaves no markup character, and loses nothing', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
        expect(decodeEntities(escaped)).toBe(text);
      }),
    );
  });
});

describe('page', () => {
  it('is a complete pt-BR document with the title as its one h1, text escaped', () => {
    const result = page('<Ajuda & mais>', '<p>corpo</p>', 404);
    expect(result.statusCode).toBe(404);
    expect(result.headers).toEqual({ 'content-type': 'text/html; charset=utf-8' });
    expect(result.body).toContain('<html lang="pt-BR">');
    expect(result.body).toContain('<h1>&lt;Ajuda &amp; mais&gt;</h1>');
    expect(result.body).toContain('<p>corpo</p>');
    expect(result.body).not.toContain('<script');
  });
});
