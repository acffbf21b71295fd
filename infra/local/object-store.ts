import type { Component, RuntimeContext } from './component.ts';

export class ObjectStore implements Component {
  constructor(
    readonly ctx: RuntimeContext,
    readonly options: { dataDir?: string } = {},
  ) {}

  async stop(): Promise<void> {}
}
