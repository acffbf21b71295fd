/**
 * The account record. Attribute names are the original's column names
 * (`nome_completo`, `modo_anonimo_ativo`…), so the wire shapes built from it
 * read like the original's. One item per user: pk `USER#<id>`, sk `PROFILE`.
 */
import * as table from '#shared/db/table';
import { userKey } from '../keys.ts';

export type AccountStatus = 'active' | 'deleted_scheduled' | 'deleting' | 'banned';

export const GENEROS = ['Feminino', 'Masculino', 'MulherTrans', 'HomemTrans', 'Outro'] as const;
export type Genero = (typeof GENEROS)[number];

export const RACAS = ['branco', 'pardo', 'preto', 'amarelo', 'indigena', 'nao_declarado'] as const;
export type Raca = (typeof RACAS)[number];

export interface UserRecord {
  pk: string;
  sk: string;
  id: number;
  status: AccountStatus;
  /** ISO timestamp. */
  created_on: string;
  email: string;
  nome_completo: string;
  apelido: string;
  nome_social?: string | null;
  genero: Genero;
  genero_outro?: string | null;
  raca: Raca;
  /** YYYY-MM-DD. */
  dt_nasc: string;
  /** The first 4 digits: enough to tell a CPF apart in support, not enough to use it. */
  cpf_prefix: string;
  cpf_hash: string;
  cep: string;
  cep_cidade?: string | null;
  cep_estado?: string | null;
  minibio?: string | null;
  avatar_url?: string | null;
  /** `scrypt$…` (shared/auth or accounts/passwords.ts); legacy imports may hold unsalted SHA-256 or MD5 hex. */
  password_hash: string;
  modo_anonimo_ativo: 0 | 1;
  modo_camuflado_ativo: 0 | 1;
  ja_foi_vitima_de_violencia: 0 | 1;
  qtde_login_offline: number;
  qtde_ligar_para_policia: number;
  qtde_guardioes_ativos: number;
  quiz_detectou_violencia?: 0 | 1 | null;
  ja_completou_mf?: 0 | 1;
  eh_admin?: 0 | 1;
  /** ISO timestamp of the hard deletion, while `status` is `deleted_scheduled`. */
  perform_delete_at?: string | null;
  deleted_scheduled_meta?: string | null;
  skills?: number[];
  /** Bumped by every conditional update (shared/db/conditions.ts updateIfVersion). */
  version: number;
  [attribute: string]: unknown;
}

export const findUser = (userId: number): Promise<UserRecord | undefined> => table.get<UserRecord>(userKey(userId));

export const isActive = (user: Pick<UserRecord, 'status'>): boolean => user.status === 'active';

/** Female users (women, trans women) get the community modules; the rest only the safety ones. */
export const isFemale = (user: Pick<UserRecord, 'genero'>): boolean => user.genero === 'Feminino' || user.genero === 'MulherTrans';
