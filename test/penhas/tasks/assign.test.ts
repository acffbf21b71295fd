/**
 * Tasks listed by the Manual de Fuga questionnaire (the quiz feature calls
 * these in its functions; here they run in the test process against the
 * runtime's table): each catalog task listed at most once, even under
 * concurrent answers; a removed one can be listed again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
let tasks: typeof import('../../../functions/penhas/tasks/assign.ts');

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: runtime.tableName('penhas'),
    AWS_ENDPOINT_URL_DYNAMODB: runtime.dynamoEndpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  tasks = await import('../../../functions/penhas/tasks/assign.ts');
});

const listed = async (account: SeededAccount) => {
  const reply = await h.app.get('/me/tarefas', { apiKey: account.session, query: { modificado_apos: 0 } });
  return reply.body as { tarefas: { id: number; descricao: string }[]; tarefas_removidas: number[] };
};

describe('assignTasks', () => {
  it('lists catalog tasks once, ignoring ids the catalog does not have', async () => {
    const maria = await h.seedAccount();
    const first = await tasks.assignTasks(maria.id, [1, 2, 999_999]);
    expect(first.created).toHaveLength(2);
    expect((await listed(maria)).tarefas.map((t) => t.id)).toEqual(first.created);
    expect((await tasks.assignTasks(maria.id, [2, 1])).created).toEqual([]);
  });

  it('lists a removed task again, as a new task', async () => {
    const maria = await h.seedAccount();
    const [id] = (await tasks.assignTasks(maria.id, [4])).created;
    expect((await h.app.post('/me/tarefas/batch', { apiKey: maria.session, json: [{ id, remove: 1 }] })).status).toBe(200);
    const [again] = (await tasks.assignTasks(maria.id, [4])).created;
    expect(again).toBeGreaterThan(id);
    const list = await listed(maria);
    expect(list.tarefas.map((t) => t.id)).toEqual([again]);
    expect(list.tarefas_removidas).toEqual([id]);
  });

  it('lists a task once when answers arrive at the same time', async () => {
    const maria = await h.seedAccount();
    const results = await Promise.all(Array.from({ length: 5 }, () => tasks.assignTasks(maria.id, [6, 7])));
    expect(results.flatMap((r) => r.created)).toHaveLength(2);
    expect((await listed(maria)).tarefas).toHaveLength(2);
  });
});

describe('removeTasks and clearTasks', () => {
  it('remove the live tasks of the given catalog ids, then all of them', async () => {
    const maria = await h.seedAccount();
    const created: number[] = [];
    for (const tarefaId of [1, 2, 3]) created.push(...(await tasks.assignTasks(maria.id, [tarefaId])).created);
    expect(await tasks.removeTasks(maria.id, [2])).toEqual([created[1]]);
    expect((await listed(maria)).tarefas.map((t) => t.id)).toEqual([created[0], created[2]]);
    expect((await tasks.clearTasks(maria.id)).sort()).toEqual([created[0], created[2]]);
    const list = await listed(maria);
    expect(list.tarefas).toEqual([]);
    expect(list.tarefas_removidas.sort()).toEqual([...created].sort());
  });
});

describe('tarefaIdsOfCodes', () => {
  it('finds catalog ids by the codes questionnaires use', async () => {
    expect((await tasks.tarefaIdsOfCodes(['T5', 'T1', 'T404'])).sort((a, b) => a - b)).toEqual([1, 5]);
  });
});
