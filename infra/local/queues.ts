import type { Component, RuntimeContext } from './component.ts';

export class QueueService implements Component {
  constructor(
    readonly ctx: RuntimeContext,
    readonly options: { dataDir?: string } = {},
  ) {}

  async stop(): Promise<void> {}
}
