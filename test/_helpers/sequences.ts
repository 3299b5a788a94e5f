/**
 * Seeded per-user event histories for the sequence tier's tests. The tests inject faults into
 * these and count them back; expected values come from what was injected, never from the engine.
 */

import { rng } from './events.js';

export interface SeqEvent {
  id: string;
  user: string;
  type: string;
  ts: number;
  price: number;
  [k: string]: unknown;
}

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 9, 1); // 2026-10-01T00:00:00Z

/**
 * `users` users `u000…`, each with between `min` and `max` events at strictly increasing times
 * (gaps of 1–360 minutes from T0), ids `u007-12`, types cycling click/save/search.
 */
export function makeHistories(users: number, seed: number, min = 5, max = 60): SeqEvent[] {
  const r = rng(seed);
  const out: SeqEvent[] = [];
  for (let u = 0; u < users; u++) {
    const user = `u${String(u).padStart(3, '0')}`;
    const n = min + Math.floor(r() * (max - min + 1));
    let ts = T0 + Math.floor(r() * DAY);
    for (let k = 0; k < n; k++) {
      ts += 60_000 * (1 + Math.floor(r() * 360));
      out.push({ id: `${user}-${k}`, user, type: ['click', 'save', 'search'][k % 3], ts, price: Math.round(r() * 10_000) / 100 });
    }
  }
  return out;
}

/** The test's own reference assembly: group by user, sort by ts ascending. */
export function byUser(events: readonly SeqEvent[]): Map<string, SeqEvent[]> {
  const m = new Map<string, SeqEvent[]>();
  for (const e of events) {
    let list = m.get(e.user);
    if (!list) m.set(e.user, (list = []));
    list.push(e);
  }
  for (const list of m.values()) list.sort((a, b) => a.ts - b.ts);
  return m;
}

/** Pre-assembled rows `{ user, events }` from per-user lists. */
export function toSequenceRows(m: Map<string, SeqEvent[]>): { user: string; events: SeqEvent[] }[] {
  return [...m].map(([user, events]) => ({ user, events }));
}

/** `k` distinct users of `users`, deterministic for a seed. */
export function pickUsers(users: readonly string[], k: number, seed: number, avoid: ReadonlySet<string> = new Set()): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < k) {
    const u = users[Math.floor(r() * users.length)];
    if (!avoid.has(u)) out.add(u);
  }
  return [...out].sort();
}
