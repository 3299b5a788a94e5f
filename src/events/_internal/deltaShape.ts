/**
 * Names the shape of a field's differences when one is evident: a constant offset, whole-hour
 * shifts (a time-zone bug), a scale factor, rounding to k digits, values turned null, a type
 * change. Fed only with mismatching pairs, so it costs nothing when fields agree.
 */
import { dateEpochMs, subMillisecondNanos } from '../../dataset/preciseDate.js';

/** The evident shape of a field's mismatches. */
export interface DeltaShape {
  kind: 'constant-offset' | 'whole-hours' | 'scale' | 'rounding' | 'turned-null' | 'appeared' | 'type-change' | 'mixed';
  /** A short human description, e.g. `constant offset +0.5`, `rounded to 2 decimals`, `cut to the millisecond` (times). */
  description: string;
  /** The parameter of the shape where there is one (the offset, the factor, the digits). */
  value?: number;
  /** How many of the field's mismatches the shape explains. */
  explains: number;
}

const HOUR = 3_600_000;
/** Time precisions a shadow may cut its timestamps to: [decimals of a second, ms per step, name]. */
const CUTS: [number, number, string][] = [[3, 1, 'millisecond'], [0, 1000, 'second']];
const MAX_DIGITS = 6;

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'Date';
  return typeof v;
}

/** Accumulates mismatching pairs of one field. */
export class ShapeAccumulator {
  total = 0;
  private numeric = 0;
  // Extremes rather than a first value, so the shape does not depend on row order.
  private dMin = Infinity;
  private dMax = -Infinity;
  private hours = true;
  private rMin = Infinity;
  private rMax = -Infinity;
  private ratioDefined = true;
  private roundMask = (1 << (MAX_DIGITS + 1)) - 1;
  private nulled = 0;
  private appeared = 0;
  private types = new Map<string, number>();
  /** Pairs of times without a delta (the exact rule) where shadow is legacy cut to a precision; bit i for CUTS[i]. */
  private cutMask = (1 << CUTS.length) - 1;
  private cuts = 0;

  constructor(private readonly isTime: boolean) {}

  /** Adds one mismatching pair; `delta` is shadow − legacy (ms for times) or NaN. */
  add(legacy: unknown, shadow: unknown, delta: number): void {
    this.total++;
    if (delta === delta) {
      this.numeric++;
      if (delta < this.dMin) this.dMin = delta;
      if (delta > this.dMax) this.dMax = delta;
      if (this.hours && (delta === 0 || delta % HOUR !== 0)) this.hours = false;
      if (typeof legacy === 'number' && typeof shadow === 'number') {
        if (legacy !== 0) {
          const r = shadow / legacy;
          if (r < this.rMin) this.rMin = r;
          if (r > this.rMax) this.rMax = r;
        } else this.ratioDefined = false;
        if (this.roundMask) {
          for (let k = 0; k <= MAX_DIGITS; k++) {
            const bit = 1 << k;
            if (!(this.roundMask & bit)) continue;
            const p = 10 ** k;
            if (!close(shadow, Math.round(legacy * p) / p)) this.roundMask &= ~bit;
          }
        }
      } else {
        this.ratioDefined = false;
        this.roundMask = 0;
      }
      return;
    }
    if (legacy != null && shadow == null) this.nulled++;
    else if (legacy == null && shadow != null) this.appeared++;
    else if (legacy instanceof Date && shadow instanceof Date) {
      // Two times that differ: is shadow legacy cut to a whole millisecond, or second?
      this.cuts++;
      const l = dateEpochMs(legacy);
      const ms = shadow.getTime();
      for (let i = 0; i < CUTS.length; i++) {
        const step = CUTS[i][1];
        if (this.cutMask & (1 << i) && !(subMillisecondNanos(shadow) === 0 && ms === Math.floor(l / step) * step)) this.cutMask &= ~(1 << i);
      }
    } else {
      const t = `${kindOf(legacy)}→${kindOf(shadow)}`;
      if (kindOf(legacy) !== kindOf(shadow)) this.types.set(t, (this.types.get(t) ?? 0) + 1);
    }
  }

  /** The shape explaining all mismatches, else the largest component as `mixed`, else undefined. */
  shape(): DeltaShape | undefined {
    const n = this.total;
    if (n === 0) return undefined;
    if (this.numeric === n) {
      const sameDelta = close(this.dMin, this.dMax);
      if (this.hours && this.isTime) {
        const h = this.dMin / HOUR;
        return sameDelta
          ? { kind: 'whole-hours', description: `constant ${h > 0 ? '+' : ''}${h}h shift (a time-zone bug?)`, value: this.dMin, explains: n }
          : { kind: 'whole-hours', description: 'shifts by whole hours (a time-zone bug?)', explains: n };
      }
      if (sameDelta) {
        const d = this.dMin;
        const unit = this.isTime ? 'ms' : '';
        return { kind: 'constant-offset', description: `constant offset ${d > 0 ? '+' : ''}${Number(d.toPrecision(6))}${unit}`, value: d, explains: n };
      }
      if (this.roundMask) {
        let k = 0;
        while (!(this.roundMask & (1 << k))) k++;
        return { kind: 'rounding', description: `shadow is legacy rounded to ${k} decimal${k === 1 ? '' : 's'}`, value: k, explains: n };
      }
      // A ratio within 1e-6 of 1 is noise around an offset, not a scale factor.
      if (this.ratioDefined && this.rMin <= this.rMax && close(this.rMin, this.rMax) && Math.abs(this.rMin - 1) > 1e-6) {
        return { kind: 'scale', description: `scale factor ×${Number(this.rMin.toPrecision(6))}`, value: this.rMin, explains: n };
      }
      return undefined;
    }
    if (this.cuts === n && this.cutMask) {
      const [digits, , name] = CUTS[Math.log2(this.cutMask & -this.cutMask)];
      return { kind: 'rounding', description: `shadow is legacy cut to the ${name}`, value: digits, explains: n };
    }
    if (this.nulled === n) return { kind: 'turned-null', description: 'legacy values turned null/missing in shadow', explains: n };
    if (this.appeared === n) return { kind: 'appeared', description: 'null/missing in legacy, present in shadow', explains: n };
    let topType = '';
    let topCount = 0;
    for (const [t, c] of this.types) if (c > topCount || (c === topCount && t < topType)) [topType, topCount] = [t, c];
    if (topCount === n) return { kind: 'type-change', description: `type change ${topType}`, explains: n };
    const parts: [number, string][] = [
      [this.nulled, `${this.nulled} turned null`],
      [this.appeared, `${this.appeared} appeared`],
      [topCount, `${topCount} ${topType}`],
      [this.numeric, `${this.numeric} numeric`],
    ];
    parts.sort((a, b) => b[0] - a[0]);
    const described = parts.filter((p) => p[0] > 0).map((p) => p[1]);
    // Mismatches of one kind on both sides without a numeric delta (e.g. strings a time rule
    // cannot read) have no evident shape.
    if (described.length === 0) return undefined;
    return { kind: 'mixed', description: `mixed: ${described.join(', ')}`, explains: parts[0][0] };
  }
}
