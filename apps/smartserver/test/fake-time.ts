// A clock and a scheduler that only move when a test moves them: no sleeps, no real timers.
import type { Scheduler } from '../src/scheduler.js';

interface Timer {
  at: number;
  task: () => unknown;
  cancelled: boolean;
}

export class FakeTime implements Scheduler {
  private timers: Timer[] = [];
  constructor(public now: Date) {}

  readonly clock = () => this.now;

  at(at: number, task: () => unknown): () => void {
    const timer = { at, task, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moments of the timers still waiting, earliest first. */
  pending(): number[] {
    return this.timers
      .filter((t) => !t.cancelled)
      .map((t) => t.at)
      .sort((a, b) => a - b);
  }

  /**
   * Lets time pass until `to`: every timer due by then runs at its own moment (the clock reads
   * its `at`), in order, timers set by those runs included, each awaited. Returns how many ran.
   */
  async advance(to: Date | string | number): Promise<number> {
    const end = new Date(to).getTime();
    let ran = 0;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      if (due.at > this.now.getTime()) this.now = new Date(due.at);
      ran++;
      await due.task();
    }
    this.now = new Date(end);
    return ran;
  }
}

/** A scheduler that never fires: proves that a request alone sees the state of now. */
export const neverScheduler: Scheduler = { at: () => () => undefined };
