import { formatDuration } from "./duration.js";

/**
 * A command's overall time budget (--max-time), on the clock the command runs on. Every retry, wait
 * and step checks it, so kcs never runs unbounded, whatever the network does. Time a person spends
 * on a manual step is given back: the budget bounds kcs, not them.
 */
export class Budget {
  private endsAt: number;

  constructor(
    private readonly now: () => number,
    readonly maxTimeMs: number,
  ) {
    this.endsAt = now() + maxTimeMs;
  }

  /** Milliseconds left (0 when spent). */
  left(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  spent(): boolean {
    return this.left() === 0;
  }

  /** Adds back time kcs spent waiting for a person. */
  giveBack(ms: number): void {
    if (ms > 0) this.endsAt += ms;
  }

  /** The flag as an operator would write it, for messages. */
  describe(): string {
    return `--max-time ${formatDuration(this.maxTimeMs)}`;
  }
}
