/**
 * The one bounded-concurrency helper: runs `fn` over `items` with at most
 * `limit` calls in flight (fan-out that stays within a client's sockets and a
 * table's throughput); results keep the order of the items. The first failure
 * rejects the whole call, as Promise.all does; callers that must keep going
 * catch inside `fn`.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
