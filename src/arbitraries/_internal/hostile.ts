/** The hostile value pairs behind `hostile` perturbations and the hostileValue arbitrary. */
import type { HostileKind } from '../perturbation.js';

/** Instants (epoch ms) at which a common time zone changes its UTC offset in 2026. */
export const DST_CHANGES: readonly { zone: string; at: number }[] = [
  { zone: 'Europe/Berlin (spring forward)', at: Date.UTC(2026, 2, 29, 1, 0, 0) },
  { zone: 'America/New_York (spring forward)', at: Date.UTC(2026, 2, 8, 7, 0, 0) },
  { zone: 'Europe/Berlin (fall back)', at: Date.UTC(2026, 9, 25, 1, 0, 0) },
  { zone: 'America/New_York (fall back)', at: Date.UTC(2026, 10, 1, 6, 0, 0) },
];

/** Accented words whose NFC and NFD forms differ. */
export const UNICODE_WORDS: readonly string[] = ['café', 'Zürich', 'naïve', 'Ångström', 'São Paulo', 'résumé', 'Łódź', 'Ñandú'];

/** The largest double strictly below `x` in magnitude (1 ulp towards zero); `x` finite and non-zero. */
export function towardZero(x: number): number {
  const buf = new Float64Array([x]);
  const bits = new BigUint64Array(buf.buffer);
  bits[0] -= 1n;
  return buf[0];
}

/** A hostile pair: the legacy value and the shadow value written in its place. */
export interface HostilePair {
  legacy: unknown;
  shadow: unknown;
  /** True when the engine's documented defaults treat the two as equal. */
  equalByDefault: boolean;
}

/**
 * The pair of `kind` chosen by `u` in [0, 1). `like` is the original value of the field, so time
 * pairs keep its representation (epoch number, Date or ISO string).
 */
export function hostilePair(kind: HostileKind, u: number, like?: unknown): HostilePair {
  switch (kind) {
    case 'negativeZero':
      return { legacy: 0, shadow: -0, equalByDefault: true };
    case 'nan':
      return { legacy: NaN, shadow: NaN, equalByDefault: true };
    case 'subnormal': {
      // 1 … 2^52 - 1 multiples of the smallest subnormal: every subnormal magnitude.
      const x = Number.MIN_VALUE * (1 + Math.floor(u * (2 ** 52 - 1)));
      return { legacy: u < 0.5 ? x : -x, shadow: 0, equalByDefault: false };
    }
    case 'huge': {
      const x = Number.MAX_VALUE * (0.5 + u / 2);
      const signed = Math.floor(u * 1e6) % 2 === 0 ? x : -x;
      return { legacy: signed, shadow: towardZero(signed), equalByDefault: false };
    }
    case 'dst': {
      const change = DST_CHANGES[Math.floor(u * DST_CHANGES.length)];
      const minute = Math.floor((u * DST_CHANGES.length * 60) % 60);
      const at = change.at + minute * 60_000;
      return { legacy: asTimeLike(at, like), shadow: asTimeLike(at + 3_600_000, like), equalByDefault: false };
    }
    case 'unicode': {
      const word = UNICODE_WORDS[Math.floor(u * UNICODE_WORDS.length)];
      return { legacy: word.normalize('NFC'), shadow: word.normalize('NFD'), equalByDefault: false };
    }
  }
}

/** `ms` in the representation of `like`: a Date, an ISO string, or (default) an epoch number. */
export function asTimeLike(ms: number, like: unknown): unknown {
  if (like instanceof Date) return new Date(ms);
  if (typeof like === 'string') return new Date(ms).toISOString();
  return ms;
}
