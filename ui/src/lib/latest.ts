// Runs an async job so that at most one is in flight and the last request always runs:
// requests made while a job runs collapse into one run after it. Used for the live
// preview (typing never waits for a layout) and for search as you type.

export class LatestOnly<A, R> {
  private running = false;
  private pending: { arg: A } | null = null;

  constructor(
    private readonly job: (arg: A) => Promise<R>,
    private readonly done: (result: R, arg: A) => void,
    private readonly failed: (error: unknown, arg: A) => void = () => {},
  ) {}

  get busy(): boolean {
    return this.running;
  }

  request(arg: A): void {
    if (this.running) {
      this.pending = { arg };
      return;
    }
    void this.run(arg);
  }

  private async run(arg: A): Promise<void> {
    this.running = true;
    try {
      const result = await this.job(arg);
      // A newer request supersedes this result only if one is queued.
      if (!this.pending) this.done(result, arg);
    } catch (e) {
      if (!this.pending) this.failed(e, arg);
    } finally {
      this.running = false;
      const next = this.pending;
      this.pending = null;
      if (next) void this.run(next.arg);
    }
  }
}

/** Calls `fn` once `ms` after the last call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const wrapped = (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  wrapped.flush = (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = null;
    fn(...args);
  };
  wrapped.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  wrapped.pending = () => timer !== null;
  return wrapped;
}
