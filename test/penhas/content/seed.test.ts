/** Content is data: the seed writes it at start, and running it again writes nothing. */
import { describe, expect, it } from 'vitest';
import { tasksCatalogContent } from '../../../functions/penhas/content/tasks-catalog.ts';
import { webPagesContent } from '../../../functions/penhas/content/web-pages.ts';
import penhas from '../../../functions/penhas/service.ts';
import { MF_TAREFA_PARTITION, WEB_PARTITION } from '../../../functions/penhas/keys.ts';
import { seedFunctionOf } from '../../../shared/manifest.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
const seed = () => runtime.host.invoke(runtime.functionName('penhas', seedFunctionOf(penhas)!.id), {});

describe('the penhas content seed', () => {
  it('has run when the runtime starts: the task catalog and the pages are in the table', async () => {
    const catalog = await h.table.partition(MF_TAREFA_PARTITION);
    expect(catalog.map(({ contentVersion: _, ...item }) => item)).toEqual(tasksCatalogContent.items());
    const web = await h.table.partition(WEB_PARTITION);
    expect(web).toHaveLength(webPagesContent.items().length);
  });

  it('writes nothing when run again', async () => {
    const before = await h.table.partition(MF_TAREFA_PARTITION);
    expect(await seed()).toMatchObject({ written: 0, removed: 0 });
    expect(await h.table.partition(MF_TAREFA_PARTITION)).toEqual(before);
  });

  it('rewrites an item whose content was changed in the table, and only that one', async () => {
    const [first] = await h.table.partition(MF_TAREFA_PARTITION);
    await h.table.put({ ...first, descricao: 'alterada à mão', contentVersion: 'stale' });
    expect(await seed()).toMatchObject({ written: 1, removed: 0 });
    const [restored] = await h.table.partition(MF_TAREFA_PARTITION);
    expect(restored).toEqual(first);
  });
});
