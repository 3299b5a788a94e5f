/**
 * Small text-formatting pieces shared by every report renderer. Colours are injected so one
 * renderer serves the matcher (Vitest's colours), the CLI (ANSI) and snapshots (none).
 */

/** Colour functions; each wraps a string. */
export interface Colors {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const id = (s: string) => s;
/** No colours: the default, and what snapshots use. */
export const plainColors: Colors = { red: id, green: id, yellow: id, dim: id, bold: id };

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
/** ANSI colours for terminals. */
export const ansiColors: Colors = {
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
};

/** `0.9623` → `96.23%`. */
export function pct(rate: number, digits = 2): string {
  if (!Number.isFinite(rate)) return String(rate);
  return `${(rate * 100).toFixed(digits)}%`;
}

/** Integer with thousands separators: `1234567` → `1,234,567`. */
export function count(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** A number in at most `sig` significant digits, without exponent noise for ordinary values. */
export function num(x: number, sig = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (Object.is(x, -0)) return '-0';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e15) {
    if (Number.isInteger(x)) return String(x);
    return String(Number(x.toPrecision(sig)));
  }
  return x.toExponential(sig - 1);
}

/** A data value for display in a table cell: strings quoted, long values cut. */
export function cell(value: unknown, max = 32): string {
  let s: string;
  if (value === undefined) s = '(missing)';
  else if (typeof value === 'number') s = num(value, 8);
  else if (typeof value === 'string') s = JSON.stringify(value);
  else if (typeof value === 'bigint') s = `${value}n`;
  else if (value instanceof Date) s = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The printed width of a cell: colour escape codes take no column. */
function visible(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/**
 * Renders rows as an aligned text table with a header, indented by two spaces.
 * Columns whose every body cell looks numeric are right-aligned. Cells may carry colour codes:
 * widths count the printed characters only.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const pad = (c: string, w: number, left: boolean) => {
    const fill = ' '.repeat(Math.max(0, w - visible(c)));
    return left ? fill + c : c + fill;
  };
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d,.]+(%|e[-+]?\d+)?$|^[<>≥≤]/.test(r[i] ?? '')));
  const line = (r: readonly string[]) =>
    indent +
    r
      .map((c, i) => pad(c ?? '', widths[i], numeric[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
