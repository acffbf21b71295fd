/**
 * A support point as an admin writes it (approving a suggestion, or editing
 * one): every column of the points feature's `PontoApoio`, checked here so a
 * point that the searches cannot index never reaches the table.
 */
import * as z from 'zod/mini';
import { DIAS_FUNCIONAMENTO } from '../points/detail.ts';
import type { PontoApoio } from '../points/points.ts';

const flag = z.union([z.literal(0), z.literal(1)]);
const str = (max: number) => z.string().check(z.maxLength(max));
const optionalStr = (max: number) => z.nullable(str(max));
const optionalInt = () => z.nullable(z.int());
const hhmm = z.nullable(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/)));

export const pontoApoioSchema = z.object({
  status: z.enum(['active', 'inactive']),
  nome: str(255).check(z.minLength(1)),
  sigla: optionalStr(100),
  natureza: z.enum(['ong', 'publico', 'privado']),
  categoria: z.int().check(z.positive()),
  descricao: optionalStr(10_000),
  tipo_logradouro: str(100).check(z.minLength(1)),
  nome_logradouro: str(255).check(z.minLength(1)),
  numero: optionalInt(),
  numero_sem_numero: flag,
  complemento: optionalStr(255),
  bairro: str(255).check(z.minLength(1)),
  municipio: str(255).check(z.minLength(1)),
  uf: z.string().check(z.regex(/^[A-Z]{2}$/)),
  cep: z.string().check(z.regex(/^\d{8}$/)),
  ddd: optionalInt(),
  telefone1: optionalInt(),
  telefone2: optionalInt(),
  ramal1: optionalInt(),
  ramal2: optionalInt(),
  email: optionalStr(200),
  eh_24h: flag,
  eh_whatsapp: flag,
  horario_inicio: hhmm,
  horario_fim: hhmm,
  dias_funcionamento: z.nullable(z.string().check(z.refine((value) => value in DIAS_FUNCIONAMENTO))),
  eh_presencial: flag,
  eh_online: flag,
  funcionamento_pandemia: flag,
  observacao_pandemia: optionalStr(10_000),
  ja_passou_por_moderacao: flag,
  observacao: optionalStr(10_000),
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  longitude: z.number().check(z.gte(-180), z.lte(180)),
  abrangencia: z.enum(['Local', 'Regional', 'Nacional']),
  cod_ibge: optionalInt(),
  projetos: z.array(z.int().check(z.positive())).check(z.maxLength(50)),
});

export type PointFields = Omit<PontoApoio, 'id'>;
