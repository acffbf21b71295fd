/**
 * One support point as the detail screens show it: the original's columns,
 * the category, the rating average, `natureza` and `dias_funcionamento` as
 * words, and for a logged-in user her rating and an HTML summary
 * (`content_html`: notes, address, phones, opening hours).
 */
import { badRequest, itemNotFound } from '../errors.ts';
import { escapeHtml } from '../web/html.ts';
import { formatRating } from './search.ts';
import { getPoint, pointsMeta, type PontoApoioItem } from './points.ts';

export const DIAS_FUNCIONAMENTO: Readonly<Record<string, string>> = {
  dias_uteis: 'Dias úteis',
  fds: 'Fim de semana',
  dias_uteis_fds_plantao: 'Dias úteis com plantão aos fins de semana',
  todos_os_dias: 'Todos os dias',
  seg_a_sab: 'Segunda a sábado',
  seg_a_qui: 'Segunda a quinta',
  ter_a_qui: 'Terça a quinta',
  quinta_feira: 'Quintas-feiras',
};

const NATUREZA: Readonly<Record<string, string>> = { publico: 'Público', ong: 'ONG' };

/** The columns the detail shows, in the original's list. */
const DETAIL_COLUMNS = [
  'id',
  'nome',
  'latitude',
  'longitude',
  'cep',
  'tipo_logradouro',
  'nome_logradouro',
  'municipio',
  'uf',
  'bairro',
  'natureza',
  'descricao',
  'numero',
  'numero_sem_numero',
  'complemento',
  'ddd',
  'telefone1',
  'telefone2',
  'ramal1',
  'ramal2',
  'eh_24h',
  'eh_whatsapp',
  'horario_inicio',
  'horario_fim',
  'dias_funcionamento',
  'eh_presencial',
  'eh_online',
  'funcionamento_pandemia',
  'observacao_pandemia',
  'ja_passou_por_moderacao',
  'observacao',
] as const;

export type PointDetail = Record<string, unknown>;

/** The point by its id as the path gives it; 400 for a non-numeric id, 404 for an unknown or inactive point. */
export async function pointDetail(idParam: string, viewer?: { rating: (pointId: number) => Promise<number | undefined> }) {
  if (!/^\d+$/.test(idParam) || idParam.length > 15) throw badId();
  const pointId = Number(idParam);
  const [point, meta, rating] = await Promise.all([getPoint(pointId), pointsMeta(), viewer?.rating(pointId)]);
  if (point?.status !== 'active') throw itemNotFound();
  const categoria = meta.categorias.find((c) => c.id === point.categoria);
  const row: PointDetail = {};
  for (const column of DETAIL_COLUMNS) row[column] = point[column] ?? null;
  row.avaliacao = formatRating(point);
  row.categoria = { id: point.categoria, cor: categoria?.color ?? null, nome: categoria?.label ?? null };
  row.natureza = NATUREZA[point.natureza] ?? point.natureza;
  row.dias_funcionamento = (point.dias_funcionamento && DIAS_FUNCIONAMENTO[point.dias_funcionamento]) || point.dias_funcionamento;
  if (viewer) row.content_html = contentHtml(point, row.dias_funcionamento as string | null);
  return {
    ponto_apoio: row,
    ...(viewer ? { cliente_avaliacao: rating ?? null } : {}),
    avaliacao_maxima: '5' as const,
  };
}

/** The original's answer to an id that is not a number (its message names the parameter). */
const badId = () => badRequest('form_error', 'ponto_apoio_id');

const linkify = (html: string) => html.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
const text = (value: unknown) => escapeHtml(value === null || value === undefined ? '' : String(value));

function contentHtml(point: PontoApoioItem, dias: string | null): string {
  const parts: string[] = [];
  if (point.observacao) parts.push(`<p style="color: #0a115f">${linkify(text(point.observacao).replace(/\r?\n/g, '<br/>'))}</p><br/>`);
  parts.push('<p style="color: #0a115f"><b>Endereço</b></p>');
  const numero = point.numero === null || point.numero === undefined ? '' : `, ${text(point.numero)}`;
  parts.push(
    `<p style="color: #818181;">${text(point.tipo_logradouro)} ${text(point.nome_logradouro)}${numero} - ${text(point.bairro)} - ${text(point.municipio)}, ${text(point.uf)}, ${text(point.cep)} </p>`,
  );
  const ramal = (value: number | null) => (value === null || value === undefined ? '' : ` ramal: ${text(value)}`);
  if (point.ddd !== null && point.ddd !== undefined) {
    const phone = (number: number | null, extension: number | null) =>
      `<a href="tel:+55${text(point.ddd)}${text(number)}">${text(point.ddd)} ${text(number)}</a>${ramal(extension)}`;
    const phones = [phone(point.telefone1, point.ramal1), ...(point.telefone2 ? [phone(point.telefone2, point.ramal2)] : [])];
    parts.push(`<p> ${point.telefone2 ? 'Telefones' : 'Telefone'}: ${phones.join(', ')}</p>`);
  } else if (point.telefone1 || point.telefone2) {
    parts.push(
      `<p>Telefone: ${[point.telefone1, point.telefone2]
        .filter((t) => t)
        .map(text)
        .join(', ')}</p>`,
    );
  }
  if (dias) {
    const hours = point.horario_inicio ? `<br/>${text(point.horario_inicio)} - ${text(point.horario_fim)}` : '';
    parts.push(`<p>Horário de funcionamento: ${text(dias)}${hours}</p>`);
  }
  return parts.join('');
}
