/** Content is data: the seed writes it at start, and running it again writes nothing. */
import { describe, expect, it } from 'vitest';
import { contentModules } from '../../../functions/penhas/content/modules.ts';
import { tasksCatalogContent } from '../../../functions/penhas/content/tasks-catalog.ts';
import penhas from '../../../functions/penhas/service.ts';
import { MF_TAREFA_PARTITION } from '../../../functions/penhas/keys.ts';
import { seedFunctionOf } from '../../../shared/manifest.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
const seed = () => runtime.host.invoke(runtime.functionName('penhas', seedFunctionOf(penhas)!.id), {});

describe('the penhas content seed', () => {
  it('has run when the runtime starts: every item of every content module is in the table', async () => {
    const catalog = await h.table.partition(MF_TAREFA_PARTITION);
    expect(catalog.map(({ contentVersion: _, ...item }) => item)).toEqual(tasksCatalogContent.items());
    for (const module of contentModules) {
      const items = module.items();
      const partitions = new Map<string, Record<string, unknown>[]>();
      for (const pk of new Set(items.map((item) => item.pk))) partitions.set(pk, await h.table.partition(pk));
      for (const item of items) {
        const found = partitions.get(item.pk)?.find((stored) => stored.sk === item.sk);
        expect(found, `${module.name}: ${item.pk} ${item.sk}`).toMatchObject(JSON.parse(JSON.stringify(item)));
      }
    }
  });

  it('writes nothing when run again', async () => {
    const before = await h.table.partition(MF_TAREFA_PARTITION);
    expect(await seed()).toMatchObject({ written: 0, removed: 0 });
    expect(await h.table.partition(MF_TAREFA_PARTITION)).toEqual(before);
  });

  it('deletes what a module stopped listing', async () => {
    await h.table.put({ pk: 'CONTENT', sk: 'MODULE#web-pages', keys: [{ pk: 'WEB', sk: 'FAQ#999' }] });
    await h.table.put({ pk: 'WEB', sk: 'FAQ#999', id: 999, title: 'retirada' });
    expect(await seed()).toMatchObject({ removed: 1 });
    expect((await h.table.partition('WEB')).find((item) => item.sk === 'FAQ#999')).toBeUndefined();
  });

  it('rewrites an item whose content was changed in the table, and only that one', async () => {
    const [first] = await h.table.partition(MF_TAREFA_PARTITION);
    await h.table.put({ ...first, descricao: 'alterada à mão', contentVersion: 'stale' });
    expect(await seed()).toMatchObject({ written: 1, removed: 0 });
    const [restored] = await h.table.partition(MF_TAREFA_PARTITION);
    expect(restored).toEqual(first);
  });
});
