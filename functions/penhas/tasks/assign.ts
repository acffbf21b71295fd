/**
 * Giving a user Manual de Fuga tasks, for the MF questionnaire (quiz feature)
 * to call when its answers select tasks. The tasks feature owns it.
 */

export interface AssignedTasks {
  /** Ids of the user's task items created or revived. */
  created: number[];
}

/** Adds the catalog tasks `tarefaIds` to the user's list (already listed ones are left as they are). */
export async function assignTasks(_userId: number, _tarefaIds: number[]): Promise<AssignedTasks> {
  throw new Error('assignTasks is not built yet');
}
