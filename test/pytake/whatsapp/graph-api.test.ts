import { beforeAll, describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { GraphApiError, sendMessage } from '../../../functions/pytake/whatsapp/graph-api.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { eventually, pytakeHarness } from '../app-client.ts';
import { addNumber, type TestNumber } from './numbers-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

let number: TestNumber;
beforeAll(async () => {
  // The adapter runs in this process, pointed at the runtime's stand-in as the functions' adapters are.
  process.env.GRAPH_API_URL = runtime.fakes.metaGraph.url;
  number = await addNumber(h, await h.registerOrg());
});

const text = (to: string, body = 'Olá') => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body } });
const send = (to: string) => sendMessage(number.input.phone_number_id, number.input.access_token, text(to));

describe('Graph API adapter against the stand-in', () => {
  it('sends: Graph’s answer, the request body exactly in the outbox, the stand-in’s timestamped record', async () => {
    const answer = await send('+55 11 97777-6666');
    expect(answer).toMatchObject({ messaging_product: 'whatsapp', contacts: [{ input: '+55 11 97777-6666', wa_id: '5511977776666' }] });
    expect(answer.messages[0].id).toMatch(/^wamid\./);
    const record = await runtime.outbox.waitFor({ channel: 'whatsapp', to: '5511977776666' });
    expect(record).toMatchObject({ service: 'pytake', payload: text('+55 11 97777-6666') });
    expect(runtime.fakes.metaGraph.sends.at(-1)).toMatchObject({
      phoneNumberId: number.input.phone_number_id,
      to: '5511977776666',
      wamid: answer.messages[0].id,
    });
  });

  it('fails as told: 130429 and 131056 with Meta’s codes, a 5xx, and 131047 reported by a failed status callback', async () => {
    const graph = runtime.fakes.metaGraph;
    graph.fail({ code: 130429 });
    graph.fail({ code: 131056 });
    graph.fail({ status: 503 });
    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await send('5511900000001').catch((error: GraphApiError) => error));
    expect(failures.map((error) => error instanceof GraphApiError && [error.status, error.code])).toEqual([
      [429, 130429],
      [400, 131056],
      [503, 2],
    ]);
    graph.fail({ code: 131047 });
    const accepted = await send('5511900000002');
    const wamid = accepted.messages[0].id;
    const callbacks = await eventually(
      () => graph.callbacks.filter((callback) => callback.wamid === wamid).length === 1 && graph.callbacks.filter((callback) => callback.wamid === wamid),
    );
    expect(callbacks).toEqual([{ wamid, status: 'failed', answered: 200 }]);
    expect((await send('5511900000003')).messages).toHaveLength(1);
  });

  it('refuses another token (401, code 190) and an unknown number (400, code 100)', async () => {
    await expect(sendMessage(number.input.phone_number_id, 'not-the-token', text('1'))).rejects.toMatchObject({ status: 401, code: 190 });
    await expect(sendMessage('123', number.input.access_token, text('1'))).rejects.toMatchObject({ status: 400, code: 100 });
  });
});
