import type { Sequences, SideEvents } from './assemble.js';
import type { compileEventComparer } from './eventComparer.js';

/**
 * The common case, equal sequences, checked in legacy row order: each legacy event is compared
 * with the shadow event at the same position of its entity's sequence. Rows are usually stored in
 * arrival order, so this walks memory sequentially where the entity-by-entity comparison would
 * jump between rows (measured 5× slower on a million rows). Returns, per entity, 1 when the
 * sequences may differ (different lengths, identities or fields) and need the full comparison.
 */
export function screenInRowOrder(
  L: SideEvents,
  S: SideEvents,
  lSeq: Sequences,
  sSeq: Sequences,
  E: number,
  comparer: ReturnType<typeof compileEventComparer>,
): Uint8Array {
  const flag = new Uint8Array(E);
  const pos = new Int32Array(L.events.length).fill(-1);
  const { order: lo, start: lst } = lSeq;
  const { order: so, start: sst } = sSeq;
  for (let e = 0; e < E; e++) {
    const base = lst[e];
    const n = lst[e + 1] - base;
    if (n !== sst[e + 1] - sst[e]) {
      flag[e] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) pos[lo[base + k]] = k;
  }
  const lEvents = L.events;
  const sEvents = S.events;
  const lKeys = L.keys;
  const sKeys = S.keys;
  const ent = L.ent;
  for (let i = 0; i < lEvents.length; i++) {
    const p = pos[i];
    if (p < 0) continue;
    const e = ent[i];
    if (flag[e]) continue;
    const j = so[sst[e] + p];
    const k = lKeys[i];
    if (k === undefined || k !== sKeys[j] || comparer.compare(lEvents[i], sEvents[j]) !== 0) flag[e] = 1;
  }
  return flag;
}
