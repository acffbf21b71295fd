/** Content for the admins: web pages, news feeds, quiz questionnaires (support points: points.route.ts). */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { adminFailures, flag, numericId, staffObject } from './admin-params.ts';

const SLUGS = ['faq-index', 'faq-contato', 'conta-exclusao', 'termos-de-uso', 'politica-privacidade'] as const;

export const putWebPageRoute = penhasRoute({
  method: 'PUT',
  path: '/admin/web-pages/{slug}',
  auth: 'jwt',
  handler: 'functions/penhas/admin/put-web-page.ts',
  summary: 'Replaces a web page’s `title` and `html` (the terms of use, the privacy policy, the FAQ’s texts, the deletion text)',
  request: {
    params: z.object({ slug: z.enum(SLUGS) }),
    body: z.object({ title: z.string().check(z.minLength(1), z.maxLength(200)), html: z.string().check(z.minLength(1), z.maxLength(200_000)) }),
    encodings: ['json'],
  },
  responses: { 204: noContent('Saved'), 400: failure('form_error (slug, title, html)'), ...adminFailures },
  objectIds: [staffObject('web page', 'path', 'slug')],
});

export const putNewsFeedRoute = penhasRoute({
  method: 'PUT',
  path: '/admin/news-feeds/{id}',
  auth: 'jwt',
  handler: 'functions/penhas/admin/put-news-feed.ts',
  summary: 'Creates or changes an RSS feed of the news (`url`, `fonte`, `autocapitalize`, `status` active|paused, `tags`); when it is next due stays',
  request: {
    params: z.object({ id: numericId() }),
    body: z.object({
      url: z.string().check(z.maxLength(2000), z.url({ protocol: /^https?$/ })),
      fonte: z.string().check(z.minLength(1), z.maxLength(200)),
      autocapitalize: flag,
      status: z.enum(['active', 'paused']),
      tags: z.array(z.int().check(z.positive())).check(z.maxLength(50)),
    }),
    encodings: ['json'],
  },
  responses: { 200: ok('Saved', z.object({ id: z.number(), created: flag })), 400: failure('form_error'), ...adminFailures },
  objectIds: [staffObject('news feed', 'path', 'id')],
});

const question = z.looseObject({
  id: z.int(),
  type: z.enum([
    'yesno',
    'yesnomaybe',
    'text',
    'yesnogroup',
    'skillset',
    'displaytext',
    'botao_tela_modo_camuflado',
    'botao_fim',
    'multiplechoices',
    'onlychoice',
    'cep_address_lookup',
    'auto_change_questionnaire',
    'tag_user',
    'next_mf_questionnaire',
    'next_mf_questionnaire_outstanding',
  ]),
  code: z.string().check(z.minLength(1), z.maxLength(200)),
  question: z.string().check(z.maxLength(10_000)),
  relevance: z.string().check(z.minLength(1), z.maxLength(2000)),
});

export const putQuestionnaireRoute = penhasRoute({
  method: 'PUT',
  path: '/admin/questionnaires/{id}',
  auth: 'jwt',
  handler: 'functions/penhas/admin/put-questionnaire.ts',
  summary: 'Replaces a quiz questionnaire (its questions in `quiz_config`, in display order); the app’s quiz reads it within a minute',
  request: {
    params: z.object({ id: numericId() }),
    body: z.object({
      name: z.string().check(z.minLength(1), z.maxLength(200)),
      active: z.boolean(),
      condition: z.string().check(z.maxLength(2000)),
      end_screen: z.string().check(z.maxLength(2000)),
      penhas_start_automatically: z.boolean(),
      penhas_cliente_required: z.boolean(),
      quiz_config: z.array(question).check(z.minLength(1), z.maxLength(500)),
      remove_tarefas: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(200))),
    }),
    encodings: ['json'],
  },
  responses: { 204: noContent('Saved'), 400: failure('form_error'), 404: failure('No such questionnaire (item_not_found)'), ...adminFailures },
  objectIds: [staffObject('questionnaire', 'path', 'id')],
});
