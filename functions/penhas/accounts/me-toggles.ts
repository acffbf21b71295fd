/**
 * The profile switches: a 0/1 flag and the time it last changed (the
 * original's `<flag>` and `<flag>_atualizado_em` columns).
 */
import * as table from '#shared/db/table';
import { userKey } from '../keys.ts';

export type ToggleFlag = 'modo_anonimo_ativo' | 'modo_camuflado_ativo' | 'ja_foi_vitima_de_violencia';

const CHANGED_AT: Record<ToggleFlag, string> = {
  modo_anonimo_ativo: 'modo_anonimo_atualizado_em',
  modo_camuflado_ativo: 'modo_camuflado_atualizado_em',
  ja_foi_vitima_de_violencia: 'ja_foi_vitima_de_violencia_atualizado_em',
};

/** `active` is one digit: anything but 0 switches the flag on. */
export async function setFlag(userId: number, flag: ToggleFlag, active: string, now = new Date()): Promise<void> {
  await table.update(userKey(userId), 'SET #flag = :value, #changed = :now ADD #version :one', {
    condition: 'attribute_exists(pk)',
    names: { '#flag': flag, '#changed': CHANGED_AT[flag], '#version': 'version' },
    values: { ':value': active === '0' ? 0 : 1, ':now': now.toISOString(), ':one': 1 },
  });
}
