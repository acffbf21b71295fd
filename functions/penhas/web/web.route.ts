/**
 * The public web pages the app opens in a web view: the FAQ ("Sobre o PenhaS"),
 * the terms of use and the privacy policy (sign-in). HTML, content from the
 * table, 100 requests an hour per address as in the original.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';

const html = (description: string) => ok(description, z.string(), 'text/html');
const responses = { 200: html('The page'), 404: html('No such page (an HTML page saying so)'), 429: failure('Over 100 pages an hour from this address') };

export const faqIndexRoute = penhasRoute({
  method: 'GET',
  path: '/web/faq',
  auth: 'none',
  handler: 'functions/penhas/web/faq-index.ts',
  summary: 'The FAQ: questions by category, links to the terms and the privacy policy (HTML)',
  request: {},
  responses,
});

export const faqDetailRoute = penhasRoute({
  method: 'GET',
  path: '/web/faq/{faq_id}',
  auth: 'none',
  handler: 'functions/penhas/web/faq-detail.ts',
  summary: 'One FAQ answer by id, or the texts `_botao_contato_` (contact) and `conta-exclusao` (account deletion) (HTML)',
  // Any id is answered with a page: one that names no entry or text gets the HTML 404 page, as a browser expects.
  request: { params: z.object({ faq_id: z.string() }) },
  responses,
});

export const termsOfUseRoute = penhasRoute({
  method: 'GET',
  path: '/web/termos-de-uso',
  auth: 'none',
  handler: 'functions/penhas/web/terms-of-use.ts',
  summary: 'The terms of use (HTML)',
  request: {},
  responses,
});

export const privacyPolicyRoute = penhasRoute({
  method: 'GET',
  path: '/web/politica-privacidade',
  auth: 'none',
  handler: 'functions/penhas/web/privacy-policy.ts',
  summary: 'The privacy policy (HTML)',
  request: {},
  responses,
});
