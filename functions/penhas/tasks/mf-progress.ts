/**
 * The user's Manual de Fuga progress, as the quiz feature keeps it (its MF
 * session control item), for the assistant block and the address button.
 */
import * as table from '#shared/db/table';
import { mfSessionControlKey } from '../keys.ts';
import type { MfProgress, MfStatus } from './mf-assistant.ts';

interface MfControl {
  status?: MfStatus;
}

export async function mfProgressOf(userId: number): Promise<MfProgress> {
  const control = await table.get<MfControl>(mfSessionControlKey(userId), { attributes: ['pk', 'status'] });
  return { status: control?.status ?? 'onboarding' };
}
