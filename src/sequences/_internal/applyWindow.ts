/**
 * The window, applied identically to both sides before comparing, in this order: event-type
 * filter, time window (asOf − within, asOf], dedup, then truncation to the first/last N.
 */
import type { SideEvents, Sequences } from './assemble.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import type { WindowDrops } from '../compareSequences.js';


/** True when the options ask for any windowing step. */
export function hasWindow(o: ResolvedSequenceOptions): boolean {
  const w = o.window;
  return w.types !== undefined || w.asOfMs !== undefined || w.last !== undefined || w.first !== undefined || o.dedup !== 'none';
}

/** Applies the window to every entity's sequence. Returns new sequences; the input is not modified. */
export function applyWindow(
  s: SideEvents,
  seq: Sequences,
  time: Float64Array | null,
  o: ResolvedSequenceOptions,
): { seq: Sequences; drops: WindowDrops } {
  const drops: WindowDrops = { type: 0, time: 0, noTime: 0, dedup: 0, truncated: 0 };
  const w = o.window;
  const { order, start } = seq;
  const E = start.length - 1;
  const out = new Int32Array(order.length);
  const outStart = new Int32Array(E + 1);
  const types = w.types;
  const typeGet = w.typeGet;
  const hasTime = w.asOfMs !== undefined;
  const asOf = w.asOfMs ?? 0;
  const from = w.withinMs !== undefined ? asOf - w.withinMs : -Infinity;
  const dedup = o.dedup;
  const keys = s.keys;
  const seen = new Set<unknown>();
  let n = 0;
  for (let e = 0; e < E; e++) {
    const segStart = n;
    let prev: unknown = undefined;
    let hasPrev = false;
    if (dedup === 'by-id') seen.clear();
    for (let k = start[e]; k < start[e + 1]; k++) {
      const i = order[k];
      if (types !== undefined && !types.has(typeGet!(s.events[i]))) {
        drops.type++;
        continue;
      }
      if (hasTime) {
        const t = time![i];
        if (t !== t) {
          drops.noTime++;
          continue;
        }
        if (!(t > from && t <= asOf)) {
          drops.time++;
          continue;
        }
      }
      if (dedup !== 'none') {
        // An event without an identity is never a duplicate.
        const k = keys[i];
        if (dedup === 'consecutive') {
          if (hasPrev && k !== undefined && k === prev) {
            drops.dedup++;
            continue;
          }
          prev = k;
          hasPrev = true;
        } else if (k !== undefined) {
          if (seen.has(k)) {
            drops.dedup++;
            continue;
          }
          seen.add(k);
        }
      }
      out[n++] = i;
    }
    const len = n - segStart;
    if (w.last !== undefined && len > w.last) {
      const cut = len - w.last;
      out.copyWithin(segStart, segStart + cut, n);
      n -= cut;
      drops.truncated += cut;
    } else if (w.first !== undefined && len > w.first) {
      drops.truncated += len - w.first;
      n = segStart + w.first;
    }
    outStart[e + 1] = n;
  }
  return { seq: { order: out.subarray(0, n), start: outStart }, drops };
}
