/**
 * Waiting for something the runtime does in its own time (a message consumed,
 * a log line written, an item erased): `check` is asked again and again until
 * it holds. The timeout is an outer bound for a busy machine, far above the
 * time the event takes, so a test fails on its timeout only when the event
 * never comes.
 */

export interface EventuallyOptions {
  /** Default 20 s: well within the 30 s a test may run. */
  timeoutMs?: number;
  /** Default 50 ms. */
  intervalMs?: number;
  /** What is awaited, for the error when it never happens. */
  what?: string;
}

/**
 * Resolves with the first answer of `check` that is neither `false`, `undefined`
 * nor `null`. A `check` that throws (an `expect` not met yet, say) is asked
 * again; its last error is reported if the timeout passes.
 */
export async function eventually<T>(
  check: () => T | false | undefined | null | Promise<T | false | undefined | null>,
  { timeoutMs = 20_000, intervalMs = 50, what = 'condition' }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const answer = await check();
      if (answer !== false && answer !== undefined && answer !== null) return answer;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError === undefined ? '' : `: ${(lastError as Error).message ?? String(lastError)}`;
      throw new Error(`${what} not met within ${timeoutMs} ms${detail}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
