/**
 * A hand-rolled RFC 4180 splitter over decoded text chunks. It keeps no string per cell: each
 * cell is a pair of offsets into its chunk's text (8 bytes a cell besides the text itself), so
 * memory is proportional to the data and type inference reads cells without allocating.
 *
 * Quoting: a cell that starts with `"` is quoted; inside it `""` is a quote, and the delimiter and
 * line breaks are data. The closing quote must be followed by the delimiter, a line end or the end
 * of the file. A quote inside an unquoted cell is an error (as in csv-parse's strict mode). Lines
 * end with `\n`, `\r\n` or `\r`; a UTF-8 BOM is skipped; empty lines are skipped.
 */
import { ShadowDataError } from '../../_internal/options.js';

/** One chunk of records: its text, per cell the bounds in that text, per record its first line. */
export interface CsvChunk {
  text: string;
  /** Cell c of record r (c < width) is at index r * width + c. A negative start (~start) marks a quoted cell holding `""`. */
  start: Int32Array;
  end: Int32Array;
  /** Physical line (from 1) where each record starts. */
  line: Int32Array;
  records: number;
}

/** The header and the records, chunk by chunk. */
export interface CsvCells {
  header: string[];
  headerLine: number;
  width: number;
  chunks: CsvChunk[];
  records: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

class Growable {
  a: Int32Array;
  n = 0;
  constructor(cap: number) {
    this.a = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    // Copy only when most of the buffer would be wasted.
    return this.n * 2 < this.a.length ? this.a.slice(0, this.n) : this.a.subarray(0, this.n);
  }
}

/** The position of `what` in `text` from `from`, or the text's length when absent. */
function indexOrEnd(text: string, what: string, from: number): number {
  const k = text.indexOf(what, from);
  return k < 0 ? text.length : k;
}

/** The text of one cell (unescaping `""` in quoted cells). */
export function cellText(ch: CsvChunk, idx: number): string {
  const s = ch.start[idx];
  if (s >= 0) return ch.text.slice(s, ch.end[idx]);
  return ch.text.slice(~s, ch.end[idx]).replaceAll('""', '"');
}

/**
 * Splits decoded text, given as an async iterable of string pieces, into records. Throws a
 * ShadowDataError naming the file and line on a record of the wrong width or bad quoting.
 */
export async function splitCsv(
  pieces: AsyncIterable<string>,
  path: string,
  fn: string,
  delimiter: string,
  limit: number,
  /** Characters parsed at a time (tests use small values to cross chunk boundaries). */
  target = 1 << 23,
  /** False: only check the records (width, quoting), keeping none of them (`chunks` stays empty). */
  keep = true,
): Promise<CsvCells | null> {
  const fail = (line: number, msg: string): never => {
    throw new ShadowDataError(`${fn}: ${path}:${line}: malformed CSV: ${msg}`);
  };
  const d0 = delimiter.charCodeAt(0);
  const dlen = delimiter.length;
  const out: CsvCells = { header: [], headerLine: 0, width: 0, chunks: [], records: 0 };
  let header: string[] | null = null;
  let carry = '';
  let line = 1; // physical line at the start of `carry`
  let first = true;
  let cellsPerChar = 1 / 16;
  let buf: string[] = [];
  let bufLen = 0;

  /**
   * Parses `text` from 0; returns the offset of the first record not finished (the tail to carry)
   * and the line at that offset. `final` means the text ends the file.
   */
  const parse = (text: string, final: boolean): { rest: number; restLine: number; stop: boolean } => {
    let width = header ? header.length : 0;
    // Capacity from the previous chunk's cells per character, so the buffers rarely grow.
    const cap = Math.max(16, Math.ceil((text.length + 16) * cellsPerChar * 1.05));
    const st = new Growable(cap);
    const en = new Growable(cap);
    const ln = new Growable(Math.min(4096, text.length + 16));
    const n = text.length;
    let i = 0;
    let cur = line;
    let records = 0;
    let stop = false;
    let nextLf = -1;
    let nextQuote = -1;
    let nextCr = -1;
    let nextDelim = -1;
    while (i < n) {
      // Start of a record at i, on line cur.
      const recStart = i;
      const recLine = cur;
      const c0 = text.charCodeAt(i);
      if (c0 === LF || c0 === CR) {
        // empty line
        i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        if (c0 === CR && i === n && !final) return finish(recStart, recLine); // maybe \r\n split
        cur++;
        continue;
      }
      const cellsBefore = st.n;
      let incomplete = false;
      record: {
        // Fast path: a whole line ahead, with no quote and no CR but a final \r\n: its cells are
        // found by indexOf (a native search) instead of a loop over characters. Each position is
        // searched once per text (n when absent). Anything else takes the general path below.
        if (dlen === 1) {
          if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
          if (nextQuote < i) nextQuote = indexOrEnd(text, '"', i);
          if (nextCr < i) nextCr = indexOrEnd(text, '\r', i);
          const lf = nextLf;
          if (lf < n && nextQuote > lf && (nextCr > lf || nextCr === lf - 1)) {
            const e = nextCr === lf - 1 ? lf - 1 : lf;
            let s = i;
            for (;;) {
              if (nextDelim < s) nextDelim = indexOrEnd(text, delimiter, s);
              if (nextDelim >= e) {
                st.push(s);
                en.push(e);
                break;
              }
              st.push(s);
              en.push(nextDelim);
              s = nextDelim + 1;
            }
            i = lf + 1;
            cur++;
            break record;
          }
        }
        // cells
        for (;;) {
          if (i < n && text.charCodeAt(i) === QUOTE) {
            const s = i + 1;
            let j = s;
            let escaped = false;
            let lines = 0;
            for (;;) {
              const q = text.indexOf('"', j);
              if (q < 0) {
                // count line breaks consumed so far is unnecessary: the record restarts next round
                incomplete = true;
                break;
              }
              for (let k = j; k < q; k++) if (text.charCodeAt(k) === LF) lines++;
              if (text.charCodeAt(q + 1) === QUOTE) {
                escaped = true;
                j = q + 2;
                continue;
              }
              if (q + 1 === n && !final) {
                incomplete = true;
                break;
              }
              st.push(escaped ? ~s : s);
              en.push(q);
              i = q + 1;
              cur += lines;
              break;
            }
            if (incomplete) break;
            const c = i < n ? text.charCodeAt(i) : -1;
            if (c === d0 && (dlen === 1 || text.startsWith(delimiter, i))) {
              i += dlen;
              continue;
            }
            if (c === LF || c === CR || c === -1) break;
            fail(cur, `the closing quote of a quoted cell is followed by ${JSON.stringify(text[i])}, not the delimiter or a line end`);
          } else {
            const s = i;
            let c = -1;
            while (i < n) {
              c = text.charCodeAt(i);
              if (c === d0 && (dlen === 1 || text.startsWith(delimiter, i))) break;
              if (c === LF || c === CR) break;
              if (c === QUOTE) fail(cur, `a quote inside an unquoted cell (${JSON.stringify(text.slice(s, Math.min(n, i + 1)))}); quote the whole cell and double the inner quotes`);
              i++;
            }
            if (i === n && !final) {
              incomplete = true;
              break;
            }
            st.push(s);
            en.push(i);
            if (i < n && c === d0 && (dlen === 1 || text.startsWith(delimiter, i))) {
              i += dlen;
              if (i === n && !final) {
                incomplete = true;
                break;
              }
              if (i === n) {
                st.push(i);
                en.push(i);
                break;
              }
              continue;
            }
            break;
          }
        }
        if (incomplete) {
          st.n = cellsBefore;
          en.n = cellsBefore;
          if (final) fail(recLine, 'a quoted cell is never closed');
          return finish(recStart, recLine);
        }
        // record end at i (a line break or the end of the text)
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c === CR && i + 1 === n && !final) {
            st.n = cellsBefore;
            en.n = cellsBefore;
            return finish(recStart, recLine);
          }
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          cur++;
        }
      }
      const got = st.n - cellsBefore;
      if (!header) {
        header = [];
        for (let k = cellsBefore; k < st.n; k++) {
          const s = st.a[k];
          header.push((s >= 0 ? text.slice(s, en.a[k]) : text.slice(~s, en.a[k]).replaceAll('""', '"')).trim());
        }
        out.header = header;
        out.headerLine = recLine;
        out.width = header.length;
        const dup = header.find((h, k) => header!.indexOf(h) !== k);
        if (dup !== undefined) throw new ShadowDataError(`${fn}: ${path}:${recLine}: duplicate column '${dup}' in the header`);
        width = header.length;
        st.n = 0;
        en.n = 0;
        continue;
      }
      if (got !== width) fail(recLine, `Invalid Record Length: expect ${width}, got ${got}`);
      ln.push(recLine);
      records++;
      if (out.records + records >= limit) {
        stop = true;
        break;
      }
    }
    return finish(stop ? -1 : n, cur);

    function finish(rest: number, restLine: number) {
      if (rest > 0 && st.n > 0) cellsPerChar = st.n / rest;
      if (records > 0) {
        if (keep) out.chunks.push({ text, start: st.done(), end: en.done(), line: ln.done(), records });
        out.records += records;
      }
      return { rest, restLine, stop: stop || rest === -1 };
    }
  };

  const run = (final: boolean): boolean => {
    // One flat string (a cons string would make every charCodeAt slow).
    buf.unshift(carry);
    let text = buf.join('');
    buf = [];
    bufLen = 0;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const r = parse(text, final);
    if (r.stop) return true;
    carry = r.rest >= text.length ? '' : text.slice(r.rest);
    line = r.restLine;
    return false;
  };

  for await (const piece of pieces) {
    buf.push(piece);
    bufLen += piece.length;
    if (bufLen + carry.length >= target) {
      if (run(false)) return header ? out : null;
    }
  }
  run(true);
  return header ? out : null;
}
