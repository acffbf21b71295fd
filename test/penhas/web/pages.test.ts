/** The public web pages, as the app's web views open them: HTML from the seeded content. */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { FAQS, FAQ_CATEGORIES } from '../../../functions/penhas/content/web-pages.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const headings = (html: string, level: number) => [...html.matchAll(new RegExp(`<h${level}>([^<]*)</h${level}>`, 'g'))].map((m) => m[1]);

function expectAccessibleHtml(reply: { status: number; headers: Record<string, unknown>; text: string }) {
  expect(String(reply.headers['content-type'])).toMatch(/^text\/html/);
  expect(reply.text).toMatch(/^<!doctype html>/);
  expect(reply.text).toContain('<html lang="pt-BR">');
  expect(reply.text).toContain('<main>');
  expect(reply.text).not.toContain('<script');
  expect(headings(reply.text, 1)).toHaveLength(1);
}

describe('GET /web/faq', () => {
  it('lists every category as a heading and links each question to its page', async () => {
    const reply = await h.app.get('/web/faq', { ip: freshIp() });
    expect(reply.status).toBe(200);
    expectAccessibleHtml(reply);
    expect(headings(reply.text, 1)).toEqual(['Perguntas frequentes']);
    expect(headings(reply.text, 2)).toEqual([...FAQ_CATEGORIES].sort((a, b) => a.sort - b.sort).map((c) => c.title));
    const linked = FAQS.filter((faq) => !faq.inline);
    expect(reply.text.match(/class="faq-sobre-link"/g)).toHaveLength(linked.length);
    for (const faq of linked) expect(reply.text).toContain(`href="faq/${faq.id}"`);
    expect(reply.text).toContain('href="termos-de-uso"');
    expect(reply.text).toContain('href="politica-privacidade"');
  });
});

describe('GET /web/faq/{faq_id}', () => {
  it('shows the answer of an entry under its question as the heading', async () => {
    const faq = FAQS.find((f) => !f.inline)!;
    const reply = await h.app.get(`/web/faq/${faq.id}`, { ip: freshIp() });
    expect(reply.status).toBe(200);
    expectAccessibleHtml(reply);
    expect(headings(reply.text, 1)).toEqual([faq.title]);
    expect(reply.text).toContain(faq.content_html);
    expect(reply.text).toContain('href="../faq"');
  });

  it('serves the contact and account deletion texts at their original addresses', async () => {
    for (const [id, title] of [
      ['_botao_contato_', 'Fale conosco'],
      ['conta-exclusao', 'Exclusão de conta'],
    ]) {
      const reply = await h.app.get(`/web/faq/${id}`, { ip: freshIp() });
      expect(reply.status).toBe(200);
      expect(headings(reply.text, 1)).toEqual([title]);
    }
  });

  it('answers 404 with an HTML page for an unknown or malformed id', async () => {
    for (const id of ['999999', 'abc', '1%3Cscript%3E', 'constructor', '__proto__', 'toString', 'x'.repeat(41)]) {
      const reply = await h.app.get(`/web/faq/${id}`, { ip: freshIp() });
      expect(reply.status, id).toBe(404);
      expectAccessibleHtml(reply);
      expect(reply.text).not.toContain('<script>');
    }
  });
});

describe('GET /web/termos-de-uso and /web/politica-privacidade', () => {
  it('render the texts, marked as samples, with section headings', async () => {
    for (const [path, title] of [
      ['/web/termos-de-uso', 'Termos de uso'],
      ['/web/politica-privacidade', 'Política de privacidade'],
    ]) {
      const reply = await h.app.get(path, { ip: freshIp() });
      expect(reply.status).toBe(200);
      expectAccessibleHtml(reply);
      expect(headings(reply.text, 1)).toEqual([title]);
      expect(headings(reply.text, 2).length).toBeGreaterThan(2);
      expect(reply.text).toContain('Texto de exemplo');
    }
  });
});

describe('the pages limit', () => {
  it('refuses the 101st page in an hour from one address with 429 in the PenhaS format', async () => {
    const ip = freshIp();
    for (let i = 0; i < 100; i++) expect((await h.app.get('/web/termos-de-uso', { ip })).status).toBe(200);
    const refused = await h.app.get('/web/termos-de-uso', { ip });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'too_many_requests' });
    expect((await h.app.get('/web/termos-de-uso', { ip: freshIp() })).status).toBe(200);
  });
});
