import { describe, expect, it, vi } from "vitest";
import { LatestOnly, debounce } from "./latest";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("LatestOnly", () => {
  it("runs at once when idle and collapses requests made while busy into the last", async () => {
    const gates: { promise: Promise<number>; resolve: (v: number) => void }[] = [];
    const calls: number[] = [];
    const results: number[] = [];
    const r = new LatestOnly<number, number>(
      (n) => {
        calls.push(n);
        const d = deferred<number>();
        gates.push(d);
        return d.promise;
      },
      (res) => results.push(res),
    );
    r.request(1);
    r.request(2);
    r.request(3);
    r.request(4);
    expect(calls).toEqual([1]);
    gates[0].resolve(10);
    await vi.waitFor(() => expect(calls).toEqual([1, 4]));
    // The superseded result is not shown.
    expect(results).toEqual([]);
    gates[1].resolve(40);
    await vi.waitFor(() => expect(results).toEqual([40]));
    expect(r.busy).toBe(false);
  });

  it("reports a failure of the last run only", async () => {
    const errors: unknown[] = [];
    const r = new LatestOnly<number, number>(
      async (n) => {
        if (n === 1) throw new Error("boom");
        return n;
      },
      () => {},
      (e) => errors.push(e),
    );
    r.request(1);
    await vi.waitFor(() => expect(errors.length).toBe(1));
  });
});

describe("debounce", () => {
  it("calls once after the last call, and flush calls now", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 100);
    d(1);
    d(2);
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenLastCalledWith(2);
    d(3);
    expect(d.pending()).toBe(true);
    d.flush(4);
    expect(fn).toHaveBeenLastCalledWith(4);
    d(5);
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});
