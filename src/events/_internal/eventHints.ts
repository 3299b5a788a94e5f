import { nearest } from '../../_internal/options.js';
import type { Row } from '../../dataset/toRows.js';
import { compareKeys } from '../../join/keys.js';
import type { MapKey, Pairing } from '../../join/pairRows.js';
import type { EventEvidence } from './summariseEvidence.js';
import { topLevel } from './summariseEvidence.js';
import type { ResolvedEventOptions } from './resolveEventOptions.js';

/** Rounds up to 3 significant digits, so a suggested tolerance always covers the observed delta. */
export function roundUp(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const step = 10 ** (Math.floor(Math.log10(x)) - 2);
  const up = Number((Math.ceil(x / step - 1e-9) * step).toPrecision(3));
  return up >= x ? up : Number((up + step).toPrecision(3));
}

/**
 * Step 7 of compareEvents: `Hint:` lines naming the option that would change the outcome when a
 * difference looks benign (a rename, a constant offset, a scale, a type change, null vs missing,
 * keys typed differently), and warning when it looks like a bug (whole-hour shifts).
 */
export function eventHints(
  lrows: readonly Row[],
  srows: readonly Row[],
  pr: Pairing,
  ev: EventEvidence,
  o: ResolvedEventOptions,
): string[] {
  const hints = evidenceHints(ev, o.key.description, o.nullEqualsMissing);
  if (pr.missing.length > 0 && pr.extra.length > 0) {
    // The smallest missing key, so the hint does not depend on row order.
    let k: MapKey | undefined;
    for (const i of pr.missing) {
      const m = o.key.read(lrows[i]) as MapKey;
      if (k === undefined || compareKeys(m, k) < 0) k = m;
    }
    const shadowKeys = new Set(pr.extra.map((j) => o.key.read(srows[j])));
    hints.push(...keyTypeHints(k, (x) => shadowKeys.has(x as MapKey)));
  }
  return hints;
}

/**
 * The hints read off a report's evidence alone (both engines give them): a key no row holds, a
 * field renamed, a column typed apart, and the shapes of the three worst fields.
 */
export function evidenceHints(ev: Pick<EventEvidence, 'counts' | 'schema' | 'fields'>, keyDescription: string, nullEqualsMissing: boolean): string[] {
  const hints: string[] = [];
  // A key no row holds on either side is likelier a typo than data without keys.
  const { legacy: L, shadow: S, legacyMissingKey: lk, shadowMissingKey: sk } = ev.counts;
  if (L + S > 0 && lk === L && sk === S) {
    const guess = nearest(keyDescription, ev.fields.map((f) => f.field));
    hints.push(`no row holds key ${keyDescription}${guess ? `; did you mean key: '${guess}'?` : ''}`);
  }
  const lo = topLevel(ev.schema.onlyInLegacy);
  const so = topLevel(ev.schema.onlyInShadow);
  for (const n of lo) {
    const guess = nearest(n, so);
    if (guess) hints.push(`legacy field '${n}' may be renamed '${guess}' in shadow: set rename: { '${n}': '${guess}' }`);
  }
  for (const f of ev.fields) {
    if (f.columnTypes && f.mismatches > 0) {
      const { legacy: lt, shadow: st } = f.columnTypes;
      hints.push(`${f.field} was inferred as ${lt} in the legacy file but ${st} in the shadow file: declare columns: { '${f.field}': '${lt}' } when loading both (a cell that is not a ${lt} then fails with its file and line; list placeholders such as 'NaN' in nullValues)`);
    }
  }
  for (const f of ev.fields.slice(0, 3)) {
    if (f.mismatches === 0 || !f.shape || f.columnTypes) continue;
    const s = f.shape;
    if (s.kind === 'whole-hours') hints.push(`${f.field} shifts by whole hours: usually a time-zone bug, not noise; fix it rather than widen the tolerance`);
    else if (s.kind === 'rounding' && s.description.startsWith('shadow is legacy cut to the')) {
      const unit = s.value === 0 ? 's' : 'ms';
      hints.push(`${f.field}: ${s.description} (times that lost their ${unit === 's' ? 'fraction of a second' : 'microseconds'}): fix the writer if consumers need them, else set fields['${f.field}'] = { time: '1${unit}' }`);
    } else if (s.kind === 'constant-offset' || s.kind === 'rounding') {
      const max = f.delta?.maxAbs;
      if (max !== undefined) hints.push(`if the ${s.description} in ${f.field} is benign, set fields['${f.field}'] = { ${f.rule.startsWith('time') ? 'time' : 'abs'}: ${roundUp(max)} }`);
    } else if (s.kind === 'scale' && s.value !== undefined) {
      hints.push(`if the ${s.description} in ${f.field} is benign, set fields['${f.field}'] = { rel: ${roundUp(Math.abs(s.value - 1) / Math.max(s.value, 1))} }`);
    } else if (s.kind === 'type-change' && /number→string|string→number/.test(s.description)) {
      hints.push(`${f.field} changed type (${s.description.replace('type change ', '')}); a number never equals its string form: fix the writer, or compare exact decimal forms with fields['${f.field}'] = { normalize: 'decimal' } (keeps every digit of long ids; null and '' stay unequal to 0)`);
    } else if ((s.kind === 'turned-null' || s.kind === 'appeared') && !nullEqualsMissing) {
      const ex = f.examples.find((e) => e.legacy == null || e.shadow == null);
      if (ex && (ex.legacy === undefined) !== (ex.shadow === undefined) && (ex.legacy === null || ex.shadow === null)) {
        hints.push(`${f.field} is null on one side and missing on the other: if your consumers treat them alike, set nullEqualsMissing: true`);
      }
    }
  }
  return hints;
}

/** A missing key `k` whose other form (its text, or the number it spells) is among the extra keys: the key columns are typed apart. */
export function keyTypeHints(k: unknown, isExtra: (key: unknown) => boolean): string[] {
  if (typeof k === 'number' && isExtra(String(k))) return [`keys are numbers in legacy but strings in shadow (e.g. ${k} vs "${k}"): fix the key type in one pipeline or use a key function`];
  if (typeof k === 'string' && isExtra(Number(k))) return [`keys are strings in legacy but numbers in shadow (e.g. "${k}" vs ${k}): fix the key type in one pipeline or use a key function`];
  return [];
}
