/**
 * A one-off maintenance step the content seed runs: accounts created before
 * the active-accounts index existed (keys.ts) get its keys, so broadcasts
 * reach them. It reads the table with a Scan, once: a marker item records
 * that it finished, and every later seed skips it. Each account is updated
 * only while still active and unindexed, so an account scheduled for deletion
 * meanwhile keeps its deletion keys.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import * as table from '#shared/db/table';
import { activeAccountIndexKeys, maintenanceKey, userKey } from '../keys.ts';

const STEP = 'active-accounts-index';

/** Indexes the active accounts that lack the keys; answers how many, or `done` when it had already run. */
export async function backfillActiveAccounts(now = new Date()): Promise<number | 'done'> {
  if (await table.get(maintenanceKey(STEP), { consistent: true })) return 'done';
  let indexed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: '#sk = :profile AND #status = :active AND attribute_not_exists(gsi1pk)',
        ExpressionAttributeNames: { '#sk': 'sk', '#status': 'status', '#id': 'id' },
        ExpressionAttributeValues: { ':profile': 'PROFILE', ':active': 'active' },
        ProjectionExpression: '#id',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const id = Number(item.id);
      if (!Number.isSafeInteger(id)) continue;
      const index = activeAccountIndexKeys(id);
      const updated = await table.update(userKey(id), 'SET gsi1pk = :gsi1pk, gsi1sk = :gsi1sk', {
        condition: '#status = :active AND attribute_not_exists(gsi1pk)',
        names: { '#status': 'status' },
        values: { ':gsi1pk': index.gsi1pk, ':gsi1sk': index.gsi1sk, ':active': 'active' },
      });
      if (updated) indexed++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await table.put({ ...maintenanceKey(STEP), finished_at: now.toISOString(), indexed });
  return indexed;
}
