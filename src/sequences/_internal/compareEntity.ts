/**
 * Compares one entity's legacy and shadow sequences: pairs events by identity (the k-th
 * occurrence of an identity in legacy with its k-th occurrence in shadow), tolerates swaps within
 * `reorderWithinMs`, decides per pair whether the events are the same under the field rules, then
 * computes the metrics and classifies the differences. All scratch space is reused across entities.
 */
import type { EventComparer } from './eventComparer.js';
import { OTHER_DIFFERS, TIME_DIFFERS } from './eventComparer.js';
import { Scratch, editDistance, kendallTau, lcsLength, lisLength, rboExt } from './metrics.js';

/** Difference classes, as bits of {@link EntityResult.classes}. */
export const CLASS = {
  cutHead: 1,
  cutTail: 2,
  reordered: 4,
  duplicated: 8,
  missing: 16,
  extra: 32,
  timeShifted: 64,
  changed: 128,
} as const;

/** The outcome for one entity; one object reused for every entity. */
export interface EntityResult {
  n: number;
  m: number;
  exact: boolean;
  /** Levenshtein distance between the canonical sequences. */
  edit: number;
  lcs: number;
  /** Events paired by identity. */
  common: number;
  /** Kendall tau over the paired events (NaN when fewer than 2). */
  tau: number;
  /** Paired events that must move to restore legacy order (common − LIS). */
  moved: number;
  rbo: number;
  /** First position where the canonical sequences differ (−1 when exact). */
  firstDivergence: number;
  classes: number;
  /** Events per class (cut counts are the events beyond the other side's first/last paired event). */
  missing: number;
  extra: number;
  duplicated: number;
  timeShifted: number;
  changed: number;
  cutHead: number;
  cutTail: number;
  /** 'shadow' when the shadow is the shorter side at the cut (it lacks legacy events). */
  cutHeadShort: 'legacy' | 'shadow' | '';
  cutTailShort: 'legacy' | 'shadow' | '';
  /** Adjacent swaps tolerated by reorderWithinMs. */
  toleratedSwaps: number;
  /** Shadow position of the first paired event with a non-time field difference (−1 if none). */
  firstChanged: number;
  /** Shadow position of the first paired event whose time differs (−1 if none). */
  firstTimeShift: number;
  /** Unpaired extra copies of an identity, per side. */
  dupLegacy: number;
  dupShadow: number;
}

export interface EntityComparerInput {
  lEvents: readonly unknown[];
  sEvents: readonly unknown[];
  /** Identity keys per event (undefined: no identity, pairs with nothing). */
  lKeys: readonly unknown[];
  sKeys: readonly unknown[];
  sTime: Float64Array | null;
  comparer: EventComparer;
  reorderWithinMs: number;
  rboP: number;
  /** Called for each paired event whose fields differ, with the comparer's code and failing paths. */
  onPairDiff(code: number, fields: readonly string[], legacy: unknown, shadow: unknown): void;
}

export class EntityComparer {
  readonly r: EntityResult = {
    n: 0,
    m: 0,
    exact: true,
    edit: 0,
    lcs: 0,
    common: 0,
    tau: NaN,
    moved: 0,
    rbo: 1,
    firstDivergence: -1,
    classes: 0,
    missing: 0,
    extra: 0,
    duplicated: 0,
    timeShifted: 0,
    changed: 0,
    cutHead: 0,
    cutTail: 0,
    cutHeadShort: '',
    cutTailShort: '',
    toleratedSwaps: 0,
    firstChanged: -1,
    firstTimeShift: -1,
    dupLegacy: 0,
    dupShadow: 0,
  };
  private readonly scratch = new Scratch();
  /** Local tokens: identity key → small integer, rebuilt for each differing entity. */
  private readonly local = new Map<unknown, number>();
  private mark = new Uint8Array(64);
  /** Canonical sequences of the last entity: tokens (shadow tokens after the sameness check) and event indices. */
  a = new Int32Array(16);
  bt = new Int32Array(16);
  ea = new Int32Array(16);
  eb = new Int32Array(16);
  pairOfS = new Int32Array(16);
  pairOfL = new Int32Array(16);

  constructor(private readonly x: EntityComparerInput) {}

  private grow(n: number): void {
    if (this.a.length >= n) return;
    const size = Math.max(n, this.a.length * 2);
    this.a = new Int32Array(size);
    this.bt = new Int32Array(size);
    this.ea = new Int32Array(size);
    this.eb = new Int32Array(size);
    this.pairOfS = new Int32Array(size);
    this.pairOfL = new Int32Array(size);
  }

  private reset(n: number, m: number): EntityResult {
    const r = this.r;
    r.n = n;
    r.m = m;
    r.exact = false;
    r.edit = 0;
    r.lcs = 0;
    r.common = 0;
    r.tau = NaN;
    r.moved = 0;
    r.rbo = NaN;
    r.firstDivergence = -1;
    r.classes = 0;
    r.missing = 0;
    r.extra = 0;
    r.duplicated = 0;
    r.timeShifted = 0;
    r.changed = 0;
    r.cutHead = 0;
    r.cutTail = 0;
    r.cutHeadShort = '';
    r.cutTailShort = '';
    r.toleratedSwaps = 0;
    r.firstChanged = -1;
    r.firstTimeShift = -1;
    r.dupLegacy = 0;
    r.dupShadow = 0;
    return r;
  }

  /** The result for two sequences of n events known to be equal (same identities and fields, in order). */
  exactResult(n: number): EntityResult {
    const r = this.reset(n, n);
    this.grow(n + 1);
    r.exact = true;
    r.lcs = n;
    r.common = n;
    r.tau = n >= 2 ? 1 : NaN;
    r.rbo = n > 0 ? 1 : NaN;
    for (let i = 0; i < n; i++) {
      this.pairOfL[i] = i;
      this.pairOfS[i] = i;
    }
    return r;
  }

  /** Compares legacy events lOrder[ls..le) with shadow events sOrder[ss..se). */
  compare(lOrder: Int32Array, ls: number, le: number, sOrder: Int32Array, ss: number, se: number): EntityResult {
    const x = this.x;
    const n = le - ls;
    const m = se - ss;
    const r = this.reset(n, m);
    this.grow(Math.max(n, m) + 1);
    const { ea, eb } = this;
    const lKeys = x.lKeys;
    const sKeys = x.sKeys;
    for (let i = 0; i < n; i++) ea[i] = lOrder[ls + i];
    for (let j = 0; j < m; j++) eb[j] = sOrder[ss + j];

    // Fast path: same identities in the same order; only field rules can differ.
    if (n === m) {
      let same = true;
      for (let i = 0; i < n; i++) {
        const k = lKeys[ea[i]];
        if (k !== sKeys[eb[i]] || k === undefined) {
          same = false;
          break;
        }
      }
      if (same) {
        let differs = false;
        for (let i = 0; i < n; i++) {
          if (x.comparer.compare(x.lEvents[ea[i]], x.sEvents[eb[i]]) !== 0) {
            differs = true;
            break;
          }
        }
        if (!differs) return this.exactResult(n);
      }
    }
    return this.slow(n, m);
  }

  private slow(n: number, m: number): EntityResult {
    const x = this.x;
    const r = this.r;
    const { a, ea, eb, bt, pairOfL, pairOfS, local } = this;
    const b = bt; // identity tokens until the sameness check below

    // ── Local tokens: equal identity keys get equal small integers; no identity gets a fresh one ──
    local.clear();
    let nTok = 0;
    for (let i = 0; i < n; i++) {
      const k = x.lKeys[ea[i]];
      if (k === undefined) {
        a[i] = nTok++;
        continue;
      }
      let t = local.get(k);
      if (t === undefined) local.set(k, (t = nTok++));
      a[i] = t;
    }
    for (let j = 0; j < m; j++) {
      const k = x.sKeys[eb[j]];
      if (k === undefined) {
        b[j] = nTok++;
        continue;
      }
      let t = local.get(k);
      if (t === undefined) local.set(k, (t = nTok++));
      b[j] = t;
    }
    const headL = this.scratch.get(11, nTok);
    const cntL = this.scratch.get(12, nTok);
    const cntS = this.scratch.get(13, nTok);
    headL.fill(-1, 0, nTok);
    cntL.fill(0, 0, nTok);
    cntS.fill(0, 0, nTok);
    if (this.mark.length < nTok) this.mark = new Uint8Array(nTok * 2);

    // ── Pair by identity: k-th occurrence with k-th occurrence ──
    const nextL = this.scratch.get(5, n);
    for (let i = n - 1; i >= 0; i--) {
      const t = a[i];
      nextL[i] = headL[t];
      headL[t] = i;
    }
    pairOfL.fill(-1, 0, n);
    let common = 0;
    for (let j = 0; j < m; j++) {
      const t = b[j];
      const p = headL[t];
      if (p >= 0) {
        pairOfS[j] = p;
        pairOfL[p] = j;
        headL[t] = nextL[p];
        common++;
      } else pairOfS[j] = -1;
    }
    r.common = common;

    // ── Tolerated reordering: adjacent paired shadow events out of legacy order and close in time ──
    const tol = x.reorderWithinMs;
    if (tol > 0 && x.sTime !== null && common > 1) {
      const tm = x.sTime;
      let swaps = 0;
      for (let j = 1; j < m; j++) {
        for (let k = j; k > 0; k--) {
          const p = pairOfS[k - 1];
          const q = pairOfS[k];
          if (p < 0 || q < 0 || p < q) break;
          const d = tm[eb[k - 1]] - tm[eb[k]];
          if (!((d < 0 ? -d : d) <= tol)) break;
          pairOfS[k - 1] = q;
          pairOfS[k] = p;
          const e = eb[k - 1];
          eb[k - 1] = eb[k];
          eb[k] = e;
          const t = b[k - 1];
          b[k - 1] = b[k];
          b[k] = t;
          swaps++;
        }
      }
      if (swaps > 0) {
        for (let j = 0; j < m; j++) if (pairOfS[j] >= 0) pairOfL[pairOfS[j]] = j;
      }
      r.toleratedSwaps = swaps;
    }

    // ── Counts per identity (for duplicates), before tokens are rewritten ──
    for (let i = 0; i < n; i++) cntL[a[i]]++;
    for (let j = 0; j < m; j++) cntS[b[j]]++;
    let missing = 0;
    let extra = 0;
    let duplicated = 0;
    // 1 = unpaired and absent from the other side; 2 = unpaired extra copy (duplicated)
    const kindL = this.scratch.get(6, n);
    const kindS = this.scratch.get(7, m);
    for (let i = 0; i < n; i++) {
      if (pairOfL[i] >= 0) kindL[i] = 0;
      else if (cntS[a[i]] > 0) {
        kindL[i] = 2;
        duplicated++;
        r.dupLegacy++;
      } else {
        kindL[i] = 1;
        missing++;
      }
    }
    for (let j = 0; j < m; j++) {
      if (pairOfS[j] >= 0) kindS[j] = 0;
      else if (cntL[b[j]] > 0) {
        kindS[j] = 2;
        duplicated++;
        r.dupShadow++;
      } else {
        kindS[j] = 1;
        extra++;
      }
    }

    // ── Only paired events can match in the metrics: an unpaired event (missing, extra or an extra
    // copy) gets a token of its own, so the metrics are symmetric in the two sides ──
    for (let i = 0; i < n; i++) if (pairOfL[i] < 0) a[i] = -(m + 1 + i);
    for (let j = 0; j < m; j++) if (pairOfS[j] < 0) bt[j] = -(j + 1);

    // ── Sameness of paired events under the field rules ──
    let timeShifted = 0;
    let changed = 0;
    for (let j = 0; j < m; j++) {
      const p = pairOfS[j];
      if (p < 0) continue;
      const code = x.comparer.compare(x.lEvents[ea[p]], x.sEvents[eb[j]]);
      if (code === 0) continue;
      bt[j] = -(j + 1); // a changed event matches nothing
      if (code & TIME_DIFFERS) {
        timeShifted++;
        if (r.firstTimeShift < 0) r.firstTimeShift = j;
      }
      if (code & OTHER_DIFFERS) {
        changed++;
        if (r.firstChanged < 0) r.firstChanged = j;
      }
      x.onPairDiff(code, x.comparer.lastFields, x.lEvents[ea[p]], x.sEvents[eb[j]]);
    }

    // ── Cuts: a run of legacy-only events at one end with none of shadow's there (or vice versa) ──
    let cutHead = 0;
    let cutTail = 0;
    if (common > 0) {
      let hL = 0;
      while (hL < n && kindL[hL] === 1) hL++;
      let hS = 0;
      while (hS < m && kindS[hS] === 1) hS++;
      if (hL > 0 && hS === 0) {
        cutHead = hL;
        missing -= hL;
        r.cutHeadShort = 'shadow';
      } else if (hS > 0 && hL === 0) {
        cutHead = hS;
        extra -= hS;
        r.cutHeadShort = 'legacy';
      }
      let tL = 0;
      while (tL < n && kindL[n - 1 - tL] === 1) tL++;
      let tS = 0;
      while (tS < m && kindS[m - 1 - tS] === 1) tS++;
      if (tL > 0 && tS === 0) {
        cutTail = tL;
        missing -= tL;
        r.cutTailShort = 'shadow';
      } else if (tS > 0 && tL === 0) {
        cutTail = tS;
        extra -= tS;
        r.cutTailShort = 'legacy';
      }
    }

    // ── Metrics ──
    r.edit = editDistance(a, n, bt, m, this.scratch);
    r.exact = r.edit === 0;
    r.lcs = lcsLength(a, n, bt, m, this.scratch);
    const ranks = this.scratch.get(8, common);
    let k = 0;
    for (let i = 0; i < n; i++) if (pairOfL[i] >= 0) ranks[k++] = pairOfL[i];
    r.tau = kendallTau(ranks, k, this.scratch);
    r.moved = k - lisLength(ranks, k, this.scratch);
    r.rbo = this.rbo(n, m);
    if (!r.exact) {
      let f = 0;
      const lim = n < m ? n : m;
      while (f < lim && a[f] === bt[f]) f++;
      r.firstDivergence = f;
    }

    r.missing = missing;
    r.extra = extra;
    r.duplicated = duplicated;
    r.timeShifted = timeShifted;
    r.changed = changed;
    r.cutHead = cutHead;
    r.cutTail = cutTail;
    let c = 0;
    if (cutHead) c |= 1;
    if (cutTail) c |= 2;
    if (r.moved > 0) c |= 4;
    if (duplicated) c |= 8;
    if (missing) c |= 16;
    if (extra) c |= 32;
    if (timeShifted) c |= 64;
    if (changed) c |= 128;
    r.classes = c;
    return r;
  }

  /** RBO_ext over the first occurrence of each token on each side. */
  private rbo(n: number, m: number): number {
    const { a, bt } = this;
    const da = this.scratch.get(9, n);
    const db = this.scratch.get(10, m);
    // `mark` is zero between calls: bit 4 flags a token already taken on the current side.
    const mark = this.mark;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < n; i++) {
      const t = a[i];
      if (t < 0) da[na++] = t;
      else if (!(mark[t] & 4)) {
        mark[t] |= 4;
        da[na++] = t;
      }
    }
    for (let i = 0; i < na; i++) if (da[i] >= 0) mark[da[i]] = 0;
    for (let j = 0; j < m; j++) {
      const t = bt[j];
      if (t < 0) db[nb++] = t;
      else if (!(mark[t] & 4)) {
        mark[t] |= 4;
        db[nb++] = t;
      }
    }
    for (let j = 0; j < nb; j++) if (db[j] >= 0) mark[db[j]] = 0;
    return rboExt(da, na, db, nb, this.x.rboP, mark);
  }
}
