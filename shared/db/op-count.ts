/**
 * DynamoDB operations issued by the current invocation, for the benchmark and
 * tests ("operations per request"). An execution environment serves one
 * invocation at a time, so module state is per invocation once reset at its
 * start. Free of AWS imports, so the HTTP stack can reset and report it
 * without pulling the client into bundles that never touch the table.
 */
export interface OperationCount {
  total: number;
  /** By API name: `{ GetItem: 1, Query: 2 }`. */
  byCommand: Record<string, number>;
}

let current: OperationCount = { total: 0, byCommand: {} };

export function countOperation(command: string): void {
  current.total++;
  current.byCommand[command] = (current.byCommand[command] ?? 0) + 1;
}

export function resetOperationCount(): void {
  current = { total: 0, byCommand: {} };
}

export function operationCount(): OperationCount {
  return current;
}

/** Response headers stating the count, for runs that ask for it (env DB_OP_COUNT_HEADER=true). */
export function operationCountHeaders(): Record<string, string> {
  const byCommand = Object.entries(current.byCommand)
    .map(([command, count]) => `${command}=${count}`)
    .join(',');
  return { 'x-db-operations': String(current.total), ...(byCommand ? { 'x-db-operations-by-command': byCommand } : {}) };
}
