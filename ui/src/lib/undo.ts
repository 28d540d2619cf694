// Undo and redo over whole snapshots of the case. Typing in one field coalesces into a
// single step until the person pauses or moves to another field.

export interface UndoOptions {
  /** Edits to the same field closer together than this (ms) are one step. */
  coalesceMs?: number;
  /** Oldest steps are dropped past this many. */
  limit?: number;
}

export class UndoStack<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = -Infinity;
  private readonly coalesceMs: number;
  private readonly limit: number;

  constructor(
    private present: T,
    opts: UndoOptions = {},
  ) {
    this.coalesceMs = opts.coalesceMs ?? 800;
    this.limit = opts.limit ?? 200;
  }

  get current(): T {
    return this.present;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Records a new state. `key` names the field edited (for coalescing); `now` is ms. */
  push(next: T, key: string | null = null, now = Date.now()): void {
    const coalesce =
      key !== null && key === this.lastKey && now - this.lastAt < this.coalesceMs && this.past.length > 0;
    if (!coalesce) {
      this.past.push(this.present);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.present = next;
    this.future = [];
    this.lastKey = key;
    this.lastAt = now;
  }

  undo(): T | null {
    const prev = this.past.pop();
    if (prev === undefined) return null;
    this.future.push(this.present);
    this.present = prev;
    this.lastKey = null;
    return prev;
  }

  redo(): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(this.present);
    this.present = next;
    this.lastKey = null;
    return next;
  }

  /** Forgets the history and starts from `state` (after loading another revision). */
  reset(state: T): void {
    this.past = [];
    this.future = [];
    this.present = state;
    this.lastKey = null;
  }
}
