/**
 * The original's welcome: with MSG_BEM_VINDO set, a woman who signs up finds
 * "Olá, <apelido>! <message>" from the support team in her support chat; a man
 * finds none.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas], environment: { MSG_BEM_VINDO: 'Estamos aqui para ajudar.' } });
const h = penhasHarness(runtime);

async function signUp(query: Record<string, string | number>): Promise<string> {
  const reply = await h.app.post('/signup', { ip: freshIp(), query: { dry: 0, raca: 'pardo', app_version: 'test', senha: 'Senha-forte-1', ...query } });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.session;
}

async function supportMessages(session: string): Promise<string[]> {
  const chats = await h.app.get('/me/chats', { apiKey: session });
  const support = chats.body.support.chat_auth as string;
  const reply = await h.app.get('/me/chats-messages', { apiKey: session, query: { chat_auth: support } });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.messages.map((message: { message: string }) => message.message);
}

describe('the welcome message', () => {
  it('greets a woman by her nickname in her support chat', async () => {
    const session = await signUp({
      nome_completo: 'Beatriz Souza Lima',
      dt_nasc: '2000-07-07',
      cpf: '39053344705',
      cep: '01310100',
      email: 'beatriz.lima@example.com',
      genero: 'Feminino',
      apelido: 'Bia',
    });
    expect(await supportMessages(session)).toEqual(['Olá, Bia! Estamos aqui para ajudar.']);
  });

  it('is not sent to a man', async () => {
    const session = await signUp({
      nome_completo: 'Ana Julia Conceicao',
      dt_nasc: '1985-11-02',
      cpf: '11144477735',
      cep: '20040002',
      email: 'conta.masculina@example.com',
      genero: 'Masculino',
      apelido: 'Beto',
    });
    expect(await supportMessages(session)).toEqual([]);
  });
});
