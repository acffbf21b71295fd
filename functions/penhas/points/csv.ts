/**
 * `as_csv=1`: every active point matching the filters (no position, no
 * distance, no pinned project), in id order, as the original's CSV export for
 * the web map: its columns and headings, flags as Sim/Não, fields quoted when
 * they hold a space, comma, quote or line break.
 */
import { batchGet } from '#shared/db/batch';
import { pontoApoioKey } from '../keys.ts';
import { allEntries, type PontoApoioItem, pointsMeta } from './points.ts';
import { pointFilters, projectByLabel } from './search.ts';
import { keywordStems } from './text.ts';

const COLUMNS: readonly (readonly [string, string, 'bool'?])[] = [
  ['nome', 'Nome'],
  ['sigla', 'Sigla'],
  ['natureza', 'Natureza'],
  ['categoria_nome', 'Categoria'],
  ['tipo_logradouro', 'Tipo logradouro'],
  ['nome_logradouro', 'Nome logradouro'],
  ['numero', 'Número'],
  ['complemento', 'Complemento'],
  ['bairro', 'Bairro'],
  ['municipio', 'Município'],
  ['uf', 'UF'],
  ['cep', 'cep'],
  ['ddd', 'ddd'],
  ['telefone1', 'telefone1'],
  ['telefone2', 'telefone2'],
  ['ramal1', 'ramal1'],
  ['ramal2', 'ramal2'],
  ['email', 'e-mail'],
  ['eh_24h', '24horas', 'bool'],
  ['horario_inicio', 'Horário início'],
  ['horario_fim', 'Horário fim'],
  ['dias_funcionamento', 'Dias funcionamento'],
  ['eh_presencial', 'Presencial', 'bool'],
  ['eh_online', 'Online', 'bool'],
  ['funcionamento_pandemia', 'Funcionamento pandemia', 'bool'],
  ['observacao_pandemia', 'Observação pandemia'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['verificado', 'Verificado', 'bool'],
  ['existe_delegacia', 'Existe delegacia', 'bool'],
  ['delegacia_mulher', 'Delegacia Mulher'],
  ['endereco_correto', 'Endereço correto', 'bool'],
  ['horario_correto', 'Horário correto', 'bool'],
  ['telefone_correto', 'Telefone correto', 'bool'],
  ['observacao', 'Observação'],
  ['eh_whatsapp', 'Whatsapp', 'bool'],
  ['abrangencia', 'Abrangencia'],
  ['cod_ibge', 'cod_ibge'],
  ['id', 'ID'],
];

/** One CSV field: quoted when it holds a space, comma, quote or line break (quotes doubled). */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[\s",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  categorias?: number[];
  projeto?: string;
  keywords?: string;
  eh24h?: boolean;
  diasFuncionamento?: string;
}

export async function pointsCsv(options: CsvOptions): Promise<string> {
  const meta = await pointsMeta();
  const projectId = options.projeto ? projectByLabel(meta.projetos, options.projeto) : undefined;
  const filters = pointFilters({ ...options, projectId, stems: keywordStems((options.keywords ?? '').trim()) });
  const entries = (await allEntries()).filter(filters).sort((a, b) => a.id - b.id);
  const details = await batchGet<PontoApoioItem & Record<string, unknown>>(entries.map((entry) => pontoApoioKey(entry.id)));
  const categories = new Map(meta.categorias.map((c) => [c.id, c.label]));
  const lines = [COLUMNS.map(([, heading]) => csvField(heading)).join(',')];
  for (const detail of details) {
    if (!detail) continue;
    const row: Record<string, unknown> = { ...detail, categoria_nome: categories.get(detail.categoria) };
    lines.push(
      COLUMNS.map(([column, , kind]) => {
        const value = row[column];
        if (value === null || value === undefined) return '';
        return csvField(kind === 'bool' ? (value ? 'Sim' : 'Não') : value);
      }).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
