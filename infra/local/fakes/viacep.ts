/**
 * ViaCep's lookup, `GET /_local/viacep/ws/<cep>/json/`, answering as ViaCep
 * does: a known CEP with its address; any other 8-digit CEP with 200
 * `{"erro": true}`; anything else with 400. `fail()` makes it answer 500
 * until `recover()`.
 */
import { ProviderApi, type FakeRequest, type FakeResponse } from './provider-api.ts';

export interface ViaCepAddress {
  cep: string;
  logradouro: string;
  complemento: string;
  bairro: string;
  localidade: string;
  uf: string;
  ibge: string;
  ddd: string;
}

/** The CEPs the stand-in knows (README, PenhaS section). */
export const VIACEP_ADDRESSES: Readonly<Record<string, ViaCepAddress>> = {
  '01310100': {
    cep: '01310-100',
    logradouro: 'Avenida Paulista',
    complemento: 'de 612 a 1510 - lado par',
    bairro: 'Bela Vista',
    localidade: 'São Paulo',
    uf: 'SP',
    ibge: '3550308',
    ddd: '11',
  },
  '20040002': {
    cep: '20040-002',
    logradouro: 'Avenida Rio Branco',
    complemento: 'até 52 - lado par',
    bairro: 'Centro',
    localidade: 'Rio de Janeiro',
    uf: 'RJ',
    ibge: '3304557',
    ddd: '21',
  },
  '70040010': {
    cep: '70040-010',
    logradouro: 'Setor Bancário Norte',
    complemento: '',
    bairro: 'Asa Norte',
    localidade: 'Brasília',
    uf: 'DF',
    ibge: '5300108',
    ddd: '61',
  },
};

export class FakeViaCep extends ProviderApi {
  private failure: number | undefined;

  constructor() {
    super('viacep', 'ViaCep', (request) => this.answerRequest(request));
  }

  fail(status = 500): void {
    this.failure = status;
  }

  recover(): void {
    this.failure = undefined;
  }

  private answerRequest(request: FakeRequest): FakeResponse {
    const match = /^\/ws\/([^/?]*)\/json\/?(\?.*)?$/.exec(request.path);
    if (request.method !== 'GET' || !match) return { status: 404, body: { erro: true } };
    if (this.failure !== undefined) return { status: this.failure, body: { erro: true } };
    const cep = decodeURIComponent(match[1]);
    if (!/^\d{8}$/.test(cep)) return { status: 400, body: { erro: true } };
    const address = VIACEP_ADDRESSES[cep];
    return { status: 200, body: address ? { ...address, unidade: '', estado: '', regiao: '', gia: '', siafi: '' } : { erro: true } };
  }
}
