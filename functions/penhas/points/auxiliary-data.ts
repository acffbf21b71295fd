/** GET /pontos-de-apoio-dados-auxiliares: the filters' data and the short suggestion form's fields. */
import { countRequest } from '#shared/db/counters';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { badRequest, tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { auxiliaryDataRoute } from './points.route.ts';
import { pointsMeta } from './points.ts';

const DIAS = [
  { value: 'dias_uteis', label: 'Dias úteis' },
  { value: 'fds', label: 'Fim de semana' },
  { value: 'dias_uteis_fds_plantao', label: 'Dias úteis com plantão aos fins de semanas' },
  { value: 'todos_os_dias', label: 'Todos os dias' },
];

const byLabel = <T extends { label: string }>(a: T, b: T) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

export const handler = httpRoute(auxiliaryDataRoute, async ({ query, event }) => {
  const subject = event.requestContext.http.sourceIp.slice(0, 18);
  await countRequest({ limit: 30, windowSeconds: 60, counterKey: (start) => rateKey('pad', subject, start), refuse: tooManyRequests });
  const meta = await pointsMeta();
  const projetos = meta.projetos.filter((p) => p.status === 'prod').sort(byLabel);
  if (query.projeto && !projetos.some((p) => p.label === query.projeto)) throw badRequest('form_error', 'Não encontrado', 'projeto');
  const categorias = meta.categorias
    .filter((c) => c.status === 'prod')
    .sort(byLabel)
    .map(({ id, label }) => ({ id, label }));
  return json({
    projetos: query.projeto ? [] : projetos.map(({ id, label }) => ({ id, label })),
    categorias,
    dias_funcionamento: DIAS,
    fields: [
      { code: 'endereco_ou_cep', name: 'Endereço ou CEP', max_length: 255, required: 0, type: 'Str' },
      { code: 'endereco', name: 'Endereço', max_length: 255, required: 0, type: 'Str' },
      { code: 'cep', name: 'CEP', max_length: 255, required: 0, type: 'Str' },
      { code: 'telefone', name: 'Telefone com DDD ou 0800', max_length: 255, required: 0, type: 'Str' },
      { code: 'nome', name: 'Nome', max_length: 255, required: 1, type: 'Str' },
      { code: 'categoria', name: 'Categoria', required: 1, type: 'Str', options: categorias.map((c) => ({ value: c.id, name: c.label })) },
      { code: 'descricao_servico', name: 'Descrição do serviço', max_length: 9999, required: 1, type: 'Str' },
    ],
  });
});
