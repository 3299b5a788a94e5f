import { compareKeys } from './keys.js';

/**
 * Keeps the `cap` items with the smallest keys, so the examples a report shows do not depend on
 * row order. `accepts` is checked first so the hot loop builds an example only when it is kept.
 */
export class Smallest<T> {
  readonly items: { key: unknown; value: T }[] = [];
  private maxAt = -1;
  constructor(private readonly cap: number) {}

  accepts(key: unknown): boolean {
    if (this.cap === 0) return false;
    if (this.items.length < this.cap) return true;
    return compareKeys(key, this.items[this.maxAt].key) < 0;
  }

  add(key: unknown, value: T): void {
    if (this.items.length < this.cap) this.items.push({ key, value });
    else this.items[this.maxAt] = { key, value };
    let m = 0;
    for (let i = 1; i < this.items.length; i++) if (compareKeys(this.items[i].key, this.items[m].key) > 0) m = i;
    this.maxAt = m;
  }

  sorted(): T[] {
    return [...this.items].sort((a, b) => compareKeys(a.key, b.key)).map((x) => x.value);
  }
}
