/** The counters on the user item, and the record of each police call. */
import { randomUUID } from 'node:crypto';
import { transact } from '#shared/db/transactions';
import * as table from '#shared/db/table';
import { policeCallKey, userKey } from '../keys.ts';

/** One more press of "call the police": the count and a record of the press, together. */
export async function countPoliceCall(userId: number, now = new Date()): Promise<void> {
  await transact([
    {
      Update: {
        Key: userKey(userId),
        UpdateExpression: 'ADD qtde_ligar_para_policia :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    { Put: { Item: { ...policeCallKey(userId, now, randomUUID()), created_at: now.toISOString() } } },
  ]);
}

export async function addOfflineLogins(userId: number, by: number): Promise<void> {
  await table.update(userKey(userId), 'ADD qtde_login_offline :by', { condition: 'attribute_exists(pk)', values: { ':by': by } });
}
