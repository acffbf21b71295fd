/**
 * Support points written straight into the table for a suite: its own
 * categories and project (searches filter by the project, so the seeded
 * sample points never show), ids far from the seed's.
 */
import { categoryItem, type PontoApoio, pointItems, projectItem } from '../../../functions/penhas/points/points.ts';
import type { PenhasTable } from '../app-client.ts';

/** A fresh block of 100 ids for one suite's points, categories and projects (six digits: category lists take no longer ids). */
export const idBlock = () => 100_000 + Math.floor(Math.random() * 8990) * 100;

export function point(id: number, fields: Partial<PontoApoio> & Pick<PontoApoio, 'nome' | 'categoria' | 'latitude' | 'longitude' | 'projetos'>): PontoApoio {
  return {
    id,
    status: 'active',
    sigla: 'UPPER',
    natureza: 'publico',
    descricao: '',
    tipo_logradouro: 'rua',
    nome_logradouro: 'sem lugar',
    numero: null,
    numero_sem_numero: 1,
    complemento: null,
    bairro: 'bar',
    municipio: 'foo',
    uf: 'SP',
    cep: '00000000',
    ddd: 11,
    telefone1: 953456789,
    telefone2: 12345678,
    ramal1: null,
    ramal2: null,
    email: 'dunno@email.com',
    eh_24h: 0,
    eh_whatsapp: 0,
    horario_inicio: null,
    horario_fim: null,
    dias_funcionamento: 'fds',
    eh_presencial: 0,
    eh_online: 1,
    funcionamento_pandemia: 0,
    observacao_pandemia: 'nao sei',
    ja_passou_por_moderacao: 1,
    observacao: null,
    abrangencia: 'Local',
    cod_ibge: null,
    ...fields,
  };
}

export async function writeCategory(table: PenhasTable, id: number, label: string, color: string | null): Promise<void> {
  await table.put(categoryItem({ id, label, color, status: 'test' }));
}

export async function writeProject(table: PenhasTable, id: number, label: string): Promise<void> {
  await table.put(projectItem({ id, label, status: 'prod' }));
}

export async function writePoint(
  table: PenhasTable,
  value: PontoApoio,
  categoryLabel: string,
  totals = { avaliacao_soma: 0, qtde_avaliacao: 0 },
): Promise<void> {
  const { detail, entry } = pointItems(value, categoryLabel, totals);
  await Promise.all([table.put(detail), table.put(entry)]);
}
