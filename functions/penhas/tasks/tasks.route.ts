/**
 * The Manual de Fuga task routes, as the app's escape manual calls them:
 * incremental reads (`modificado_apos`), JSON batches of changes (the only
 * JSON route of the service; the app timestamps what it sent with the
 * answer's `Date` header), single changes, and a task of the user's own.
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';

const authFailures = {
  400: failure('form_error; mfclientetarefa_id_not_found (unknown, removed or not hers: nothing is changed); missing_module (not a woman); expired_jwt'),
  401: failure('missing_jwt: no token'),
  403: failure('jwt_logout: the session has ended'),
  404: failure('The account is not active'),
  429: failure('too_many_requests: more than 120 requests a minute'),
};

/** Writes retry on a concurrent change of the same task; this is what is left after five tries. */
const concurrentChange = { 409: failure('task_changed: the task kept changing under this request; nothing was changed, try again') };

/** A parameter as the forms send it; the handlers check it as the original did (task-params.ts). */
const param = z.optional(z.string());

const tarefa = z.object({
  id: z.number(),
  checkbox_feito: z.optional(z.union([z.literal(0), z.literal(1)])),
  atualizado_em: z.number(),
  campo_livre: z.optional(z.unknown()),
  tipo: z.string(),
  eh_customizada: z.optional(z.union([z.literal(0), z.literal(1)])),
  titulo: z.optional(z.string()),
  descricao: z.string(),
  agrupador: z.string(),
  /** The address review button (`tipo: button`). */
  data: z.optional(z.object({ label: z.string(), route: z.string() })),
});

export const listTasksRoute = penhasRoute({
  method: 'GET',
  path: '/me/tarefas',
  auth: 'api-key',
  handler: 'functions/penhas/tasks/list-tasks.ts',
  summary:
    'Tasks changed at or after `modificado_apos` (epoch seconds), ids removed since, the Manual de Fuga assistant, and `consultado_em` to ask from next time',
  request: { query: z.object({ modificado_apos: param }) },
  responses: {
    200: ok(
      'Changes since the time asked',
      z.object({
        tarefas: z.array(tarefa),
        tarefas_removidas: z.array(z.number()),
        consultado_em: z.number(),
        mf_assistant: z.optional(z.object({ title: z.string(), subtitle: z.string(), quiz_session: z.record(z.string(), z.unknown()) })),
      }),
    ),
    ...authFailures,
  },
});

export const syncTaskRoute = penhasRoute({
  method: 'POST',
  path: '/me/tarefas/sync',
  auth: 'api-key',
  handler: 'functions/penhas/tasks/sync-task.ts',
  summary: 'Marks one task done or not done (`checkbox_feito`, and `campo_livre` JSON for contact tasks), or removes it (`remove=1`)',
  request: {
    body: z.object({ id: param, checkbox_feito: param, campo_livre: param, remove: param }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: { 204: noContent('Applied'), ...authFailures, ...concurrentChange },
  objectIds: [{ object: 'task', from: 'body', field: 'id', owner: 'caller' }],
});

const jsonScalar = z.optional(z.union([z.number(), z.string(), z.boolean(), z.null()]));

export const batchTasksRoute = penhasRoute({
  method: 'POST',
  path: '/me/tarefas/batch',
  auth: 'api-key',
  handler: 'functions/penhas/tasks/batch-tasks.ts',
  summary:
    'Applies a JSON array of task changes (each as `/me/tarefas/sync` takes; `campo_livre` as JSON or JSON text) all or nothing, at most 100 distinct tasks; the answer carries a `Date` header the app stamps the tasks with',
  request: {
    body: z.array(z.object({ id: jsonScalar, checkbox_feito: jsonScalar, campo_livre: z.optional(z.unknown()), remove: jsonScalar })),
    encodings: ['json'],
  },
  responses: {
    200: ok('Applied: how many entries updated and removed tasks', z.object({ updated: z.number(), removed: z.number() })),
    ...authFailures,
    ...concurrentChange,
    400: failure('form_error; mfclientetarefa_id_not_found; too_many_tasks (over 100 distinct tasks); missing_module: nothing is changed'),
  },
  objectIds: [{ object: 'task', from: 'body', field: '[].id', owner: 'caller' }],
});

export const newTaskRoute = penhasRoute({
  method: 'POST',
  path: '/me/tarefas/nova',
  auth: 'api-key',
  handler: 'functions/penhas/tasks/new-task.ts',
  summary:
    "Adds a task of her own to the caller's list (`checkbox_contato=1`: a contacts task); development only: needs the `NEW_TASK_TOKEN` the deployment sets, none in production",
  request: {
    body: z.object({ titulo: param, descricao: param, agrupador: param, token: param, checkbox_contato: param }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok('Created', z.object({ message: z.string(), id: z.number() })),
    ...authFailures,
    400: failure('form_error; mftoken_invalid: the token does not match (always, where none is set)'),
  },
});
