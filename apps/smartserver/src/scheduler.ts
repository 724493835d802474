// When the SmartServer does something by the clock alone (the state changes at midnight or when
// a trial ends; a return receipt is retried): one small interface, so tests drive it with a fake
// clock instead of waiting.

export interface Scheduler {
  /**
   * Runs `task` once at `at` (epoch milliseconds on the SmartServer's clock, `now()`).
   * Returns a function that cancels it.
   */
  at(at: number, task: () => unknown): () => void;
}

/** Longest delay Node's timers take (about 24.8 days); later moments are reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** The real scheduler: unref'd timers, so a pending one never keeps the process alive. */
export function timerScheduler(now: () => Date): Scheduler {
  return {
    at(at, task) {
      let timer: NodeJS.Timeout | undefined;
      let cancelled = false;
      const arm = () => {
        if (cancelled) return;
        const delay = at - now().getTime();
        if (delay > MAX_DELAY_MS) {
          timer = setTimeout(arm, MAX_DELAY_MS);
        } else {
          timer = setTimeout(
            () => {
              if (!cancelled)
                void Promise.resolve()
                  .then(task)
                  .catch(() => undefined);
            },
            Math.max(0, delay),
          );
        }
        timer.unref();
      };
      arm();
      return () => {
        cancelled = true;
        if (timer) clearTimeout(timer);
      };
    },
  };
}
