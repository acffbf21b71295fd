/**
 * iWebService's CPF lookup, as the original called it:
 *
 *   GET /_local/cpf-registry/CPF/?chave=<key>&cpf=<11 digits>&dataNascimento=DD/MM/YYYY&formato=JSON
 *
 * It knows a fixed set of people. A known CPF with its birth date answers
 * `RetornoCpf.msg.Resultado` 1 and the holder's data; any other CPF, or a
 * wrong birth date, answers `Resultado` 0 (the original reads that as "does
 * not match"). A wrong key answers 403. `fail()` makes it answer 500 (the
 * registry offline, `cpf_offline`) until `recover()`.
 */
import { ProviderApi, type FakeRequest, type FakeResponse } from './provider-api.ts';

export interface RegistryPerson {
  cpf: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  name: string;
  gender: 'F' | 'M';
}

/** The people the stand-in knows (README, PenhaS section). */
export const REGISTRY_PEOPLE: readonly RegistryPerson[] = [
  { cpf: '52998224725', birthDate: '1990-05-14', name: 'MARIA DA SILVA', gender: 'F' },
  { cpf: '11144477735', birthDate: '1985-11-02', name: 'ANA JULIA CONCEICAO', gender: 'F' },
  { cpf: '93541134780', birthDate: '1978-01-30', name: 'JOANA PEREIRA SANTOS', gender: 'F' },
  { cpf: '39053344705', birthDate: '2000-07-07', name: 'BEATRIZ SOUZA LIMA', gender: 'F' },
  { cpf: '28715693040', birthDate: '1995-03-21', name: 'CARLA MENDES ROCHA', gender: 'F' },
];

export class FakeCpfRegistry extends ProviderApi {
  readonly apiKey = 'local-iwebservice-key';
  private failure: number | undefined;

  constructor() {
    super('cpf-registry', 'iWebService CPF registry', (request) => this.answerRequest(request));
  }

  /** Answers every lookup with `status` (default 500) until `recover()`. */
  fail(status = 500): void {
    this.failure = status;
  }

  recover(): void {
    this.failure = undefined;
  }

  /** The lookups received (their query strings), oldest first. */
  get lookups(): URLSearchParams[] {
    return this.requests.map((request) => new URL(request.path, 'http://registry').searchParams);
  }

  private answerRequest(request: FakeRequest): FakeResponse {
    const url = new URL(request.path, 'http://registry');
    if (request.method !== 'GET' || url.pathname.replace(/\/$/, '') !== '/CPF') return { status: 404, body: { erro: 'not found' } };
    if (this.failure !== undefined) return { status: this.failure, body: { erro: 'indisponível' } };
    const query = url.searchParams;
    if (query.get('chave') !== this.apiKey) return { status: 403, body: { erro: 'chave inválida' } };
    const [day, month, year] = (query.get('dataNascimento') ?? '').split('/');
    const person = REGISTRY_PEOPLE.find((p) => p.cpf === query.get('cpf') && p.birthDate === `${year}-${month}-${day}`);
    if (!person) return { status: 200, body: { RetornoCpf: { msg: { Resultado: 0, ResultadoTXT: 'CPF ou data de nascimento não conferem' } } } };
    return {
      status: 200,
      body: {
        RetornoCpf: {
          msg: { Resultado: 1, ResultadoTXT: 'Consulta realizada com sucesso' },
          DadosTitular: {
            CPF: person.cpf,
            Titular: person.name,
            DataNascimento: `${day}/${month}/${year}`,
            Situacao: 'REGULAR',
            Genero: person.gender,
          },
        },
      },
    };
  }
}
