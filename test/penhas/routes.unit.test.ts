/**
 * The original API's routes (penhas-backend `api/lib/Penhas/Routes.pm`), every one the
 * app and the web pages call, against this service's manifest: each is declared with the
 * same method and path (path parameters by position, whatever their names), on the same
 * side of the session check. The
 * original's admin pages are replaced by the admin API, and its cron-over-HTTP
 * `/maintenance/*` routes by EventBridge schedules, which are never exposed as routes.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../functions/penhas/service.ts';

/** Outside the original's session check (the anonymous questionnaires check their own token). */
const PUBLIC_ROUTES = [
  'POST /signup',
  'POST /login',
  'POST /reset-password/request-new',
  'POST /reset-password/write-new',
  'GET /news-redirect',
  'GET /get-proxy',
  'GET /pontos-de-apoio-dados-auxiliares',
  'GET /pontos-de-apoio',
  'GET /pontos-de-apoio/{ponto_apoio_id}',
  'GET /anon-questionnaires/config',
  'GET /anon-questionnaires',
  'POST /anon-questionnaires/new',
  'GET /anon-questionnaires/history',
  'POST /anon-questionnaires/process',
  'GET /web/guardiao',
  'POST /web/guardiao',
  'GET /badge/accept',
  'POST /badge/accept',
  'GET /web/faq',
  // `/web/faq/_botao_contato_` and `/web/faq/conta-exclusao` are answered by this route, as in the original's router.
  'GET /web/faq/{faq_id}',
  'GET /web/termos-de-uso',
  'GET /web/politica-privacidade',
  'GET /geocode',
  'GET /ponto-apoio-unlimited',
];

/** Behind the original's session check (`X-Api-Key`). */
const SESSION_ROUTES = [
  'GET /filter-tags',
  'GET /filter-skills',
  'POST /logout',
  'POST /reactivate',
  'POST /report-profile',
  'POST /block-profile',
  'GET /me',
  'PUT /me',
  'DELETE /me',
  'GET /me/delete-text',
  'GET /me/unread-notif-count',
  'GET /me/notifications',
  'POST /me/call-police-pressed',
  'POST /me/inc-login-offline',
  'POST /me/modo-anonimo-toggle',
  'POST /me/modo-camuflado-toggle',
  'POST /me/ja-foi-vitima-de-violencia-toggle',
  'GET /me/preferences',
  'POST /me/preferences',
  'POST /me/quiz',
  'POST /me/media',
  'GET /me/tarefas',
  'POST /me/tarefas/sync',
  'POST /me/tarefas/nova',
  'POST /me/tarefas/batch',
  'POST /me/tweets',
  'DELETE /me/tweets',
  'POST /me/guardioes',
  'GET /me/guardioes',
  'DELETE /me/guardioes/{guard_id}',
  'PUT /me/guardioes/{guard_id}',
  'POST /me/guardioes/alert',
  'POST /me/audios',
  'GET /me/audios',
  'GET /me/audios/{event_id}',
  'DELETE /me/audios/{event_id}',
  'GET /me/audios/{event_id}/download',
  'POST /me/audios/{event_id}/request-access',
  'POST /me/sugerir-pontos-de-apoio',
  'POST /me/sugerir-pontos-de-apoio-completo',
  'GET /me/pontos-de-apoio',
  'GET /me/pontos-de-apoio/{ponto_apoio_id}',
  'POST /me/avaliar-pontos-de-apoio',
  'GET /me/geocode',
  'GET /timeline',
  'POST /timeline/{tweet_id}/comment',
  'POST /timeline/{tweet_id}/like',
  'POST /timeline/{tweet_id}/report',
  'GET /media-download',
  'GET /search-users',
  'GET /profile',
  'GET /me/chats',
  'POST /me/chats-session',
  'DELETE /me/chats-session',
  'POST /me/chats-messages',
  'GET /me/chats-messages',
  'POST /me/manage-blocks',
];

/** A route's method and path with its path parameters unnamed. */
const shape = (route: string) => route.replace(/\{[^}]+\}/g, '{}');
const authOf = new Map(penhas.http.routes.map((route) => [shape(`${route.method} ${route.path}`), route.auth]));

describe('the original routes', () => {
  it.each(PUBLIC_ROUTES)('%s is declared, public', (route) => {
    expect(authOf.get(shape(route))).toBe('none');
  });

  it.each(SESSION_ROUTES)('%s is declared, behind the session', (route) => {
    expect(authOf.get(shape(route))).toBe('api-key');
  });

  it('leave the original’s maintenance routes out: their work runs on schedules', () => {
    expect(penhas.http.routes.filter((route) => route.path.startsWith('/maintenance')).map((route) => route.path)).toEqual([]);
  });
});

describe('the schedules replacing the original’s cron-over-HTTP', () => {
  const schedules = new Map((penhas.schedules ?? []).map((schedule) => [schedule.name, schedule]));

  it('delete the accounts due every minute', () => {
    expect(schedules.get('account-deletions')).toMatchObject({ expression: 'rate(1 minute)', handler: 'functions/penhas/accounts/deletion-sweep.ts' });
  });

  it('fetch the news feeds due every 5 minutes, indexing through the news-index queue', () => {
    expect(schedules.get('news-feeds')).toMatchObject({ expression: 'rate(5 minutes)', handler: 'functions/penhas/news/tick-feeds.ts' });
    expect(schedules.get('news-feeds')?.access?.sendsTo).toContain('news-index');
    expect((penhas.queues ?? []).map((queue) => queue.name)).toContain('news-index');
  });
});
