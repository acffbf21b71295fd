import type { Component, RuntimeContext } from './component.ts';

export class Outbox implements Component {
  constructor(
    readonly ctx: RuntimeContext,
    readonly options: { dataDir?: string } = {},
  ) {}

  async stop(): Promise<void> {}
}
