/**
 * POST /me/sugerir-pontos-de-apoio with the short form open (`ENABLE_OLD_PA_SUGG`
 * set), as the original's 050-ponto-apoio.t sends it once it turns the setting on:
 * a free address, an address with a CEP and a phone, and the two refusals.
 * The closed form (the default) is covered in search.test.ts. A reviewers'
 * address is set too (`EMAIL_PONTO_APOIO_SUGESTAO`): each suggestion, of either
 * form, is announced there once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';
import { idBlock, writeCategory } from './point-fixtures.ts';

const REVIEWERS = 'sugestoes@example.com';
const runtime = sharedRuntime({ services: [penhas], environment: { ENABLE_OLD_PA_SUGG: '1', EMAIL_PONTO_APOIO_SUGESTAO: REVIEWERS } });
const h = penhasHarness(runtime);

const categoria = idBlock() + 1;
let account: SeededAccount;

beforeAll(async () => {
  await writeCategory(h.table, categoria, 'short form category', null);
  account = await h.seedAccount();
});

/** Every suggestion this file had accepted, with its form: each is announced to the reviewers. */
const accepted: Array<{ id: number; form: string }> = [];
async function suggest(form: Record<string, string | number>, path = '/me/sugerir-pontos-de-apoio') {
  const reply = await h.app.post(path, { form, apiKey: account.session });
  if (reply.status === 200) accepted.push({ id: reply.body.id, form: path.endsWith('-completo') ? 'formulário completo' : 'formulário curto' });
  return reply;
}
const stored = async () => (await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('PA_SUGGESTION#') && item.version === 1);

describe('POST /me/sugerir-pontos-de-apoio (short form open)', () => {
  it('keeps a suggestion with a free address for review', async () => {
    const reply = await suggest({ endereco_ou_cep: 'rua cupa, 255', nome: 'foo', categoria, descricao_servico: 'aaa' });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      success: 1,
      title: 'Sugestão recebida',
      message: 'Sua sugestão será avaliada antes de ser publicada.',
      id: expect.any(Number),
    });
    const row = (await stored()).find((item) => item.id === reply.body.id);
    expect(row).toMatchObject({
      nome: 'foo',
      cliente_id: account.id,
      categoria: String(categoria),
      endereco_ou_cep: 'rua cupa, 255',
      descricao_servico: 'aaa',
      status: 'awaiting-moderation',
      gsi1pk: 'PA_SUGGESTIONS',
    });
  });

  it('keeps the address, the CEP’s digits and the phone in both of the original’s formats', async () => {
    const reply = await suggest({
      endereco: 'rua cupa, 255',
      cep: '01310 100',
      nome: 'foo',
      categoria,
      descricao_servico: 'aaa',
      telefone: '0800 6086236',
    });
    expect(reply.status, reply.text).toBe(200);
    const row = (await stored()).find((item) => item.id === reply.body.id);
    expect(row).toMatchObject({
      endereco: 'rua cupa, 255',
      cep: '01310100',
      endereco_ou_cep: '',
      telefone_e164: '+55 800 608 6236',
      telefone_formatted_as_national: '0800 608 6236',
    });
    expect(row).not.toHaveProperty('telefone');
  });

  it('refuses a CEP without a phone, a CEP without an address, an unknown CEP and an unreadable phone, keeping nothing', async () => {
    const before = (await stored()).length;
    const noPhone = await suggest({ endereco: 'rua cupa, 255', cep: '01310 100', nome: 'foo', categoria, descricao_servico: 'aaa' });
    expect([noPhone.status, noPhone.body.error]).toEqual([400, 'telefone']);
    const noAddress = await suggest({ telefone: '+55 11 98888 8888', cep: '01310 100', nome: 'foo', categoria, descricao_servico: 'aaa' });
    expect([noAddress.status, noAddress.body.error]).toEqual([400, 'endereco']);
    const unknownCep = await suggest({
      endereco: 'rua cupa, 255',
      cep: '03640 000',
      telefone: '0800 6086236',
      nome: 'foo',
      categoria,
      descricao_servico: 'aaa',
    });
    expect(unknownCep.status).toBe(400);
    expect(unknownCep.body).toMatchObject({
      error: 'cep_invalid',
      field: 'cep',
      reason: 'invalid',
      message: 'Não conseguimos localizar o endereço do CEP 03640000!',
    });
    const badPhone = await suggest({ endereco_ou_cep: 'rua cupa, 255', telefone: '12', nome: 'foo', categoria, descricao_servico: 'aaa' });
    expect(badPhone.body).toMatchObject({ error: 'parser_error', field: 'telefone', reason: 'invalid' });
    expect(await stored()).toHaveLength(before);
  });

  it('answers missing or malformed fields with form_error in the PenhaS format', async () => {
    const noName = await suggest({ endereco_ou_cep: 'rua cupa, 255', categoria, descricao_servico: 'aaa' });
    expect(noName.status).toBe(400);
    expect(noName.body).toMatchObject({ error: 'form_error', field: 'nome', reason: 'is_required' });
    const badCategory = await suggest({ endereco_ou_cep: 'rua cupa, 255', nome: 'foo', categoria: 'abc', descricao_servico: 'aaa' });
    expect(badCategory.body).toMatchObject({ error: 'form_error', field: 'categoria', reason: 'invalid' });
    const unknownCategory = await suggest({ endereco_ou_cep: 'rua cupa, 255', nome: 'foo', categoria: 999_999, descricao_servico: 'aaa' });
    expect(unknownCategory.body).toMatchObject({ error: 'form_error', field: 'categoria' });
    const tooLong = await suggest({ endereco_ou_cep: 'x'.repeat(256), nome: 'foo', categoria, descricao_servico: 'aaa' });
    expect(tooLong.body).toMatchObject({ error: 'form_error', field: 'endereco_ou_cep', reason: 'invalid_max_length' });
  });
});

describe('the reviewers’ notice', () => {
  const sent = () => runtime.outbox.list({ channel: 'email', to: REVIEWERS }).map((m) => m.payload as { subject: string; text: string });
  const notices = (id: number, form: string) => sent().filter((email) => email.text.includes(`Sugestão ${id} (${form})`));

  it('announces each suggestion of either form to EMAIL_PONTO_APOIO_SUGESTAO, once', async () => {
    const short = await suggest({ endereco_ou_cep: 'rua cupa, 255', nome: 'foo', categoria, descricao_servico: 'aaa' });
    expect(short.status, short.text).toBe(200);
    const complete = await suggest(
      { nome: 'Nome', categoria, nome_logradouro: 'Rua', abrangencia: 'Local', numero: '1', municipio: 'São Paulo', uf: 'SP' },
      '/me/sugerir-pontos-de-apoio-completo',
    );
    expect(complete.status, complete.text).toBe(200);
    for (const [id, form] of [
      [short.body.id, 'formulário curto'],
      [complete.body.id, 'formulário completo'],
    ] as const) {
      await eventually(() => notices(id, form).length > 0, { what: `the notice of suggestion ${id}` });
      expect(notices(id, form)).toHaveLength(1);
    }
    expect(sent()[0].subject).toBe('PenhaS - Nova sugestão de ponto de apoio');
  });

  it('sends nothing for a refused suggestion', async () => {
    const refused = await suggest({ endereco: 'rua cupa, 255', cep: '01310 100', nome: 'foo', categoria, descricao_servico: 'aaa' });
    expect(refused.status).toBe(400);
    await suggest({ endereco_ou_cep: 'rua cupa, 255', nome: 'foo', categoria, descricao_servico: 'aaa' });
    // Once every accepted suggestion's notice is in (the last sent after the refused one), no other is.
    await eventually(() => accepted.every(({ id, form }) => notices(id, form).length > 0), { what: 'the notices of every accepted suggestion' });
    expect(sent()).toHaveLength(accepted.length);
  });
});
