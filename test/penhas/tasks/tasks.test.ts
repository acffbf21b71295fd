/**
 * The Manual de Fuga tasks as the app's escape manual uses them (the original's
 * 140-cliente-tarefa.t): incremental reads, single syncs as forms, JSON
 * batches all or nothing with a `Date` header, tasks of her own.
 */
import { describe, expect, it } from 'vitest';
import { TAREFAS } from '../../../functions/penhas/content/tasks-catalog.ts';
import { mfClienteTarefaKey } from '../../../functions/penhas/keys.ts';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

const NEW_TASK_TOKEN = 'token-de-teste';
const runtime = sharedRuntime({ services: [penhas], environment: { NEW_TASK_TOKEN } });
const h = penhasHarness(runtime);

let nextId = 900_000_000;
const now = () => Math.floor(Date.now() / 1000);

/** A catalog task on the user's list, written as the questionnaire would leave it. */
async function putTask(userId: number, fields: { mf_tarefa_id?: number; atualizado_em?: number; removido_em?: number } = {}) {
  const id = nextId++;
  const at = fields.atualizado_em ?? now();
  await h.table.put({
    ...mfClienteTarefaKey(userId, id),
    id,
    cliente_id: userId,
    mf_tarefa_id: fields.mf_tarefa_id ?? 1,
    checkbox_feito: 0,
    campo_livre: null,
    criado_em: at,
    atualizado_em: at,
    ...(fields.removido_em === undefined ? {} : { removido_em: fields.removido_em }),
    version: 1,
  });
  return id;
}

const list = (account: SeededAccount, modificadoApos: number | string) =>
  h.app.get('/me/tarefas', { apiKey: account.session, query: { modificado_apos: modificadoApos } });
const sync = (account: SeededAccount, fields: Record<string, string | number>) => h.app.post('/me/tarefas/sync', { apiKey: account.session, query: fields });
const batch = (account: SeededAccount, entries: unknown) => h.app.post('/me/tarefas/batch', { apiKey: account.session, json: entries });
const stored = async (account: SeededAccount, id: number) => (await h.table.partition(`USER#${account.id}`)).find((item) => item.id === id);

describe('GET /me/tarefas', () => {
  it('answers an empty list, the assistant to start the manual and the time to ask from next', async () => {
    const maria = await h.seedAccount();
    const before = now();
    const reply = await list(maria, before - 20_000);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      tarefas: [],
      tarefas_removidas: [],
      mf_assistant: {
        title: 'Criar o meu Manual de Fuga',
        subtitle: expect.stringContaining('O Manual de Fuga vai ajudá-la'),
        quiz_session: { session_id: `MF${maria.user.cpf_hash.slice(0, 4)}`, current_msgs: [], prev_msgs: null },
      },
    });
    expect(reply.body.consultado_em).toBeGreaterThanOrEqual(before);
  });

  it('answers a task with its catalog texts, 0/1 flags and epoch seconds', async () => {
    const maria = await h.seedAccount();
    const epochStart = now() - 20_000;
    const id = await putTask(maria.id, { mf_tarefa_id: 3, atualizado_em: epochStart + 1 });
    const catalog = TAREFAS.find((t) => t.id === 3)!;
    const reply = await list(maria, epochStart);
    expect(reply.body.tarefas).toEqual([
      {
        id,
        titulo: catalog.titulo,
        descricao: catalog.descricao,
        checkbox_feito: 0,
        eh_customizada: 0,
        agrupador: catalog.agrupador,
        tipo: 'checkbox',
        atualizado_em: epochStart + 1,
        campo_livre: null,
      },
    ]);
  });

  it('answers only what changed at or after modificado_apos, and the ids removed since', async () => {
    const maria = await h.seedAccount();
    const t = now() - 1000;
    const old = await putTask(maria.id, { atualizado_em: t - 10 });
    const recent = await putTask(maria.id, { atualizado_em: t });
    const removedLongAgo = await putTask(maria.id, { atualizado_em: t - 20, removido_em: t - 5 });
    const removedRecently = await putTask(maria.id, { atualizado_em: t - 20, removido_em: t + 1 });
    const reply = await list(maria, t);
    expect(reply.body.tarefas.map((task: { id: number }) => task.id)).toEqual([recent]);
    expect(reply.body.tarefas_removidas).toEqual([removedRecently]);
    const everything = await list(maria, 0);
    expect(everything.body.tarefas.map((task: { id: number }) => task.id)).toEqual([old, recent]);
    expect(everything.body.tarefas_removidas).toEqual([removedLongAgo, removedRecently]);
  });

  it('shows the manual in progress once started, and the button to review the transport answers', async () => {
    const maria = await h.seedAccount();
    const sessionId = `MF${maria.user.cpf_hash.slice(0, 4)}`;
    const started = await h.app.post('/me/quiz', { apiKey: maria.session, query: { session_id: sessionId } });
    expect(started.status).toBe(200);
    const reply = await list(maria, now() - 60);
    expect(reply.body.mf_assistant.title).toBe('Continuar preenchendo o meu Manual');
    expect(reply.body.mf_assistant.quiz_session.current_msgs.length).toBeGreaterThan(0);
    expect(reply.body.tarefas.at(-1)).toEqual({
      id: -1,
      atualizado_em: expect.any(Number),
      tipo: 'button',
      descricao: '',
      agrupador: 'Transporte',
      data: { label: 'Revisar Transporte', route: `/quiz/start?session_id=MF:Address${maria.user.cpf_hash.slice(0, 4)}` },
    });
  });

  it('refuses a man on every tasks route with missing_module, as the tweets module is women only', async () => {
    const joao = await h.seedAccount({ genero: 'Masculino' });
    const replies = [
      await list(joao, 0),
      await sync(joao, { id: 1, checkbox_feito: 1 }),
      await batch(joao, [{ id: 1, checkbox_feito: 1 }]),
      await h.app.post('/me/tarefas/nova', { apiKey: joao.session, query: { titulo: 'a', descricao: 'b', agrupador: 'c', token: NEW_TASK_TOKEN } }),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error: 'missing_module', message: 'Você não tem acesso ao modulo tweets' });
    }
  });

  it('refuses a missing or non-integer modificado_apos with form_error', async () => {
    const maria = await h.seedAccount();
    const missing = await h.app.get('/me/tarefas', { apiKey: maria.session });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'form_error', field: 'modificado_apos', reason: 'is_required' });
    const wrong = await list(maria, 'ontem');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'form_error', field: 'modificado_apos', reason: 'invalid' });
  });
});

describe('POST /me/tarefas/sync', () => {
  it('marks a task done and not done again, answering 204', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id, { atualizado_em: now() - 100 });
    expect((await sync(maria, { id, checkbox_feito: 1 })).status).toBe(204);
    let reply = await list(maria, now() - 50);
    expect(reply.body.tarefas).toMatchObject([{ id, checkbox_feito: 1 }]);
    expect(await stored(maria, id)).toMatchObject({ checkbox_feito: 1, checkbox_feito_checked_first_updated_at: expect.any(Number) });
    expect((await sync(maria, { id, checkbox_feito: 0 })).status).toBe(204);
    reply = await list(maria, now() - 50);
    expect(reply.body.tarefas).toMatchObject([{ id, checkbox_feito: 0 }]);
  });

  it('removes a task with remove=1', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id);
    expect((await sync(maria, { id, remove: 1 })).status).toBe(204);
    const reply = await list(maria, 0);
    expect(reply.body.tarefas).toEqual([]);
    expect(reply.body.tarefas_removidas).toEqual([id]);
  });

  it('refuses missing or malformed fields with form_error, in the original order', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id);
    expect((await sync(maria, { checkbox_feito: 1 })).body).toMatchObject({ error: 'form_error', field: 'id', reason: 'is_required' });
    expect((await sync(maria, { id })).body).toMatchObject({ error: 'form_error', field: 'checkbox_feito', reason: 'is_required' });
    expect((await sync(maria, { id, checkbox_feito: 'sim' })).body).toMatchObject({ error: 'form_error', field: 'checkbox_feito', reason: 'invalid' });
    expect((await sync(maria, { id: 'um', checkbox_feito: 1 })).body).toMatchObject({ error: 'form_error', field: 'id', reason: 'invalid' });
    expect((await sync(maria, { id, remove: 'sim' })).body).toMatchObject({ error: 'form_error', field: 'remove', reason: 'invalid' });
    expect((await stored(maria, id))?.version).toBe(1);
  });

  it('answers mfclientetarefa_id_not_found for an unknown or removed task', async () => {
    const maria = await h.seedAccount();
    const removed = await putTask(maria.id, { removido_em: now() });
    for (const id of [123_456_789, removed]) {
      const reply = await sync(maria, { id, checkbox_feito: 1 });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error: 'mfclientetarefa_id_not_found', message: 'Não foi possível encontrar a tarefa.' });
    }
  });
});

describe('POST /me/tarefas/nova', () => {
  it('creates a contacts task of her own, listed with eh_customizada 1', async () => {
    const maria = await h.seedAccount();
    const reply = await h.app.post('/me/tarefas/nova', {
      apiKey: maria.session,
      query: { titulo: 'hello', descricao: 'world', agrupador: 'hey', campo_livre: '', checkbox_contato: 1, token: NEW_TASK_TOKEN },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ message: 'entrada criada com sucesso!', id: expect.any(Number) });
    const listed = await list(maria, 0);
    expect(listed.body.tarefas).toEqual([
      expect.objectContaining({ id: reply.body.id, titulo: 'hello', descricao: 'world', agrupador: 'hey', tipo: 'checkbox_contato', eh_customizada: 1 }),
    ]);
  });

  it('refuses a wrong token with mftoken_invalid, and missing fields with form_error', async () => {
    const maria = await h.seedAccount();
    const fields = { titulo: 'a', descricao: 'b', agrupador: 'c' };
    const wrong = await h.app.post('/me/tarefas/nova', { apiKey: maria.session, query: { ...fields, token: 'outro' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'mftoken_invalid', message: 'Token não confere' });
    const missing = await h.app.post('/me/tarefas/nova', { apiKey: maria.session, query: { titulo: 'a', token: NEW_TASK_TOKEN } });
    expect(missing.body).toMatchObject({ error: 'form_error', field: 'descricao', reason: 'is_required' });
    expect((await list(maria, 0)).body.tarefas).toEqual([]);
  });
});

describe('POST /me/tarefas/batch', () => {
  async function ownContactsTask(account: SeededAccount): Promise<number> {
    const reply = await h.app.post('/me/tarefas/nova', {
      apiKey: account.session,
      query: { titulo: 'contatos', descricao: 'pessoas de confiança', agrupador: 'Contatos', checkbox_contato: 1, token: NEW_TASK_TOKEN },
    });
    return reply.body.id;
  }

  it('answers with a Date header (RFC 7231) the app stamps its tasks with', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id);
    const before = Date.now();
    const reply = await batch(maria, [{ id, checkbox_feito: 1, campo_livre: null, remove: 0 }]);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ updated: 1, removed: 0 });
    const date = String(reply.headers.date);
    expect(date).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(date)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(date)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('removes tasks in a batch, as the app sends them', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id);
    const reply = await batch(maria, [{ id, remove: 1 }]);
    expect(reply.body).toEqual({ updated: 0, removed: 1 });
    const listed = await list(maria, 0);
    expect(listed.body.tarefas).toEqual([]);
    expect(listed.body.tarefas_removidas).toEqual([id]);
  });

  it('takes campo_livre as JSON or as JSON text, the same task twice in one batch', async () => {
    const maria = await h.seedAccount();
    const id = await ownContactsTask(maria);
    const reply = await batch(maria, [
      { id, campo_livre: { hey: 1, deep: [1, 'yes', {}] }, checkbox_feito: 0 },
      { id, campo_livre: '{}', checkbox_feito: 0 },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ updated: 2, removed: 0 });
    expect((await batch(maria, [{ id, campo_livre: {}, checkbox_feito: 0 }])).status).toBe(200);
    const listed = await list(maria, 0);
    expect(listed.body.tarefas).toMatchObject([{ id, campo_livre: {}, tipo: 'checkbox_contato' }]);
    expect((await sync(maria, { id, campo_livre: '["abc", {"why": false}]', checkbox_feito: 1 })).status).toBe(204);
    expect((await list(maria, 0)).body.tarefas).toMatchObject([{ id, checkbox_feito: 1, campo_livre: ['abc', { why: false }] }]);
  });

  it('keeps campo_livre only for tasks that hold what the user types', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id, { mf_tarefa_id: 1 });
    expect((await batch(maria, [{ id, campo_livre: { nome: 'Ana' }, checkbox_feito: 0 }])).status).toBe(200);
    expect(await stored(maria, id)).toMatchObject({ campo_livre: null, version: 1 });
  });

  it('refuses the whole batch when one entry is invalid JSON text, changing nothing', async () => {
    const maria = await h.seedAccount();
    const id = await ownContactsTask(maria);
    const other = await putTask(maria.id);
    const before = [await stored(maria, id), await stored(maria, other)];
    const reply = await batch(maria, [
      { id: other, checkbox_feito: 1 },
      { id, campo_livre: '{}', checkbox_feito: 0 },
      { id, campo_livre: 'ABC', checkbox_feito: 0 },
    ]);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'campo_livre', reason: 'invalid', message: 'json inválido' });
    expect([await stored(maria, id), await stored(maria, other)]).toEqual(before);
  });

  it('refuses the whole batch when one id is unknown, changing nothing', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id);
    const before = await stored(maria, id);
    const reply = await batch(maria, [
      { id, checkbox_feito: 1 },
      { id: 987_654_321, checkbox_feito: 1 },
    ]);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'mfclientetarefa_id_not_found' });
    expect(await stored(maria, id)).toEqual(before);
  });

  it('refuses an entry after the same task was removed in the batch', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id);
    const reply = await batch(maria, [
      { id, remove: 1 },
      { id, checkbox_feito: 1 },
    ]);
    expect(reply.body).toMatchObject({ error: 'mfclientetarefa_id_not_found' });
    expect((await stored(maria, id))?.removido_em).toBeUndefined();
  });

  it('refuses more than 100 distinct tasks with a clear 400, and a body that is not an array', async () => {
    const maria = await h.seedAccount();
    const many = Array.from({ length: 101 }, (_, i) => ({ id: 500_000_000 + i, checkbox_feito: 1 }));
    const tooMany = await batch(maria, many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: 'too_many_tasks', field: 'body' });
    const notArray = await batch(maria, { id: 1, checkbox_feito: 1 });
    expect(notArray.status).toBe(400);
    expect(notArray.body).toMatchObject({ error: 'form_error' });
    const badEntry = await batch(maria, [{ checkbox_feito: 1 }]);
    expect(badEntry.body).toMatchObject({ error: 'form_error', field: 'id', reason: 'is_required' });
  });

  it('applies concurrent batches on the same task one after the other', async () => {
    const maria = await h.seedAccount();
    const id = await putTask(maria.id);
    const replies = await Promise.all([1, 0, 1, 0].map((checkbox_feito) => batch(maria, [{ id, checkbox_feito }])));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    // Every change that flipped the flag was written on top of the one before it.
    const task = await stored(maria, id);
    expect(task?.version).toBeGreaterThan(1);
    expect(task?.checkbox_feito_checked_first_updated_at).toEqual(expect.any(Number));
  });

  it("answers mfclientetarefa_id_not_found for another user's task and leaves it unchanged", async () => {
    const [maria, ana] = [await h.seedAccount(), await h.seedAccount()];
    const anas = await putTask(ana.id);
    const before = await stored(ana, anas);
    const batched = await batch(maria, [{ id: anas, checkbox_feito: 1 }]);
    expect(batched.status).toBe(400);
    expect(batched.body).toMatchObject({ error: 'mfclientetarefa_id_not_found' });
    const synced = await sync(maria, { id: anas, remove: 1 });
    expect(synced.body).toMatchObject({ error: 'mfclientetarefa_id_not_found' });
    expect(await stored(ana, anas)).toEqual(before);
  });
});
