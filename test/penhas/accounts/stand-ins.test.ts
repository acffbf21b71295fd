/**
 * The CPF registry and ViaCep stand-ins answer as the real services do (paths,
 * shapes, status codes), so the real adapters run against them unchanged.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';

const runtime = sharedRuntime({ services: [penhas] });

const getJson = async (url: string) => {
  const response = await fetch(url);
  // The stand-ins' JSON, checked by each test.
  return { status: response.status, body: (await response.json()) as any };
};

describe('ViaCep stand-in', () => {
  const viaCep = (cep: string) => getJson(`${runtime.fakes.viaCep.url}/ws/${cep}/json/`);

  it('answers a known CEP with its address', async () => {
    const reply = await viaCep('20040002');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ cep: '20040-002', localidade: 'Rio de Janeiro', uf: 'RJ' });
  });

  it('answers {"erro": true} for an unknown CEP and 400 for a malformed one', async () => {
    expect(await viaCep('99999999')).toEqual({ status: 200, body: { erro: true } });
    expect((await viaCep('123')).status).toBe(400);
  });
});

describe('CPF registry stand-in', () => {
  const lookup = (query: Record<string, string>) => getJson(`${runtime.fakes.cpfRegistry.url}/CPF/?${new URLSearchParams({ formato: 'JSON', ...query })}`);
  const key = () => runtime.fakes.cpfRegistry.apiKey;

  it('answers a known CPF with its birth date with the holder', async () => {
    const reply = await lookup({ chave: key(), cpf: '39053344705', dataNascimento: '07/07/2000' });
    expect(reply.status).toBe(200);
    expect(reply.body.RetornoCpf.msg.Resultado).toBe(1);
    expect(reply.body.RetornoCpf.DadosTitular).toMatchObject({ Titular: 'BEATRIZ SOUZA LIMA', Situacao: 'REGULAR' });
  });

  it('answers Resultado 0 for a wrong birth date or an unknown CPF, 403 for a wrong key, 500 while failing', async () => {
    expect((await lookup({ chave: key(), cpf: '39053344705', dataNascimento: '08/07/2000' })).body.RetornoCpf.msg.Resultado).toBe(0);
    expect((await lookup({ chave: key(), cpf: '52998224725', dataNascimento: '07/07/2000' })).body.RetornoCpf.msg.Resultado).toBe(0);
    expect((await lookup({ chave: 'wrong', cpf: '39053344705', dataNascimento: '07/07/2000' })).status).toBe(403);
    runtime.fakes.cpfRegistry.fail();
    try {
      expect((await lookup({ chave: key(), cpf: '39053344705', dataNascimento: '07/07/2000' })).status).toBe(500);
    } finally {
      runtime.fakes.cpfRegistry.recover();
    }
  });
});
