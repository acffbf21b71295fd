/**
 * Sends a stream of "whole state so far" updates (the answer text, the plan)
 * one post at a time. Each update supersedes the previous one of its kind, so
 * an update still waiting when a newer one of the same kind arrives is simply
 * replaced: a slow connection gets fewer, never stale, messages, and the model
 * stream never waits on the network to the client.
 */
export type Delivery = 'sent' | 'gone';

export class LatestUpdates<Kind extends string> {
  private readonly waiting = new Map<Kind, object>();
  private draining?: Promise<void>;
  private halted = false;
  private failure?: unknown;
  /** True once a post found the client gone. */
  gone = false;

  constructor(
    private readonly post: (update: object) => Promise<Delivery>,
    private readonly onGone: () => void,
  ) {}

  push(kind: Kind, update: object): void {
    if (this.halted) return;
    // Re-inserting moves the kind behind the others, so updates leave in the order they were last made.
    this.waiting.delete(kind);
    this.waiting.set(kind, update);
    this.draining ??= this.drain();
  }

  /** Resolves once everything pushed so far is sent (or dropped by `halt`); rejects if a post failed. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Nothing more leaves after the post in flight, if any. */
  halt(): void {
    this.halted = true;
    this.waiting.clear();
  }

  private async drain(): Promise<void> {
    try {
      for (let next = this.take(); next; next = this.take()) {
        if ((await this.post(next)) === 'gone') {
          this.gone = true;
          this.halt();
          this.onGone();
        }
      }
    } catch (error) {
      this.failure = error;
      this.halt();
    } finally {
      this.draining = undefined;
    }
  }

  private take(): object | undefined {
    if (this.halted) return undefined;
    const [first] = this.waiting;
    if (!first) return undefined;
    this.waiting.delete(first[0]);
    return first[1];
  }
}
