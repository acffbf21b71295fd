/**
 * Scenario fixtures for guardian suites and the alert benchmark: guardians
 * written straight into her partition (accepting invites through the web page
 * one by one is what the invite suite covers), and the SMS the outbox holds.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { guardianKey, guardianTokenKey, userKey } from '../../../functions/penhas/keys.ts';
import type { GuardianItem, GuardianStatus } from '../../../functions/penhas/guardians/guardians.ts';
import { newInviteToken } from '../../../functions/penhas/guardians/invite-token.ts';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import type { PenhasTable } from '../app-client.ts';

let nextGuardianId = 5_000_000;
let nextNumber = 0;

/** A distinct valid Brazilian mobile per call: +55 11 9xxxx-xxxx. */
export function freshMobile(): { e164: string; national: string } {
  const n = String(10_000_000 + ((nextNumber++ * 7919 + Number(process.pid)) % 89_999_999)).slice(-8);
  return { e164: `+55119${n}`, national: `(11) 9${n.slice(0, 4)}-${n.slice(4)}` };
}

export interface SeededGuardian {
  id: number;
  e164: string;
  token: string;
}

/** Writes guardians of `userId` in the given states (their tokens too) and her count of accepted ones. */
export async function seedGuardians(table: PenhasTable, userId: number, statuses: GuardianStatus[], now = new Date()): Promise<SeededGuardian[]> {
  const seeded: SeededGuardian[] = [];
  for (const status of statuses) {
    const id = nextGuardianId++;
    const phone = freshMobile();
    const token = newInviteToken();
    const item: GuardianItem = {
      ...guardianKey(userId, id),
      id,
      userId,
      status,
      celular_e164: phone.e164,
      celular_formatted_as_national: phone.national,
      nome: `Guardiã ${id}`,
      token,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      ...(status === 'accepted' ? { accepted_at: now.toISOString() } : {}),
      refs: [guardianTokenKey(token)],
    };
    await table.put(item as unknown as Record<string, unknown>);
    await table.put({ ...guardianTokenKey(token), userId, guardianId: id });
    seeded.push({ id, e164: phone.e164, token });
  }
  const accepted = statuses.filter((s) => s === 'accepted').length;
  if (accepted) {
    await table.db.send(
      new UpdateCommand({
        TableName: table.name,
        Key: userKey(userId),
        UpdateExpression: 'ADD qtde_guardioes_ativos :n',
        ExpressionAttributeValues: { ':n': accepted },
      }),
    );
  }
  return seeded;
}

/** The SMS the outbox holds for `to`, oldest first. */
export const smsTo = (runtime: LocalRuntime, to: string) => runtime.outbox.list({ channel: 'sms', to });

/** The text of an SMS record. */
export const smsText = (record: { payload: unknown }) => (record.payload as { text: string }).text;
