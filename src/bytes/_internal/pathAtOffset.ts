/**
 * The dotted path of the value holding character `index` of a JSON text (object keys by name,
 * array elements by position), found by one left-to-right scan. Used to name the field that holds
 * the first differing byte. Returns '' for the top-level punctuation.
 */
export function pathAtOffset(json: string, index: number): string {
  type Frame = { arr: boolean; key: string; i: number; expectKey: boolean };
  const stack: Frame[] = [];
  const path = () => stack.map((f) => (f.arr ? String(f.i) : f.key)).filter((s) => s !== '').join('.');
  for (let p = 0; p < json.length; p++) {
    const ch = json[p];
    const top = stack[stack.length - 1];
    if (ch === '"') {
      let q = p + 1;
      while (q < json.length && json[q] !== '"') q += json[q] === '\\' ? 2 : 1;
      if (top && !top.arr && top.expectKey) {
        top.key = keyText(json, p, q);
        if (index >= p && index <= q) return path();
      } else if (index >= p && index <= q) return path();
      p = q;
      continue;
    }
    if (p >= index && (ch === ',' || ch === '}' || ch === ']')) {
      // At a separator the texts diverge over which member comes next: name that member.
      if (top && !top.arr && ch === ',' && json[p + 1] === '"') {
        let q = p + 2;
        while (q < json.length && json[q] !== '"') q += json[q] === '\\' ? 2 : 1;
        top.key = keyText(json, p + 1, q);
        return path();
      }
      if (top) top.key = '';
      return path();
    }
    if (ch === '{' || ch === '[') {
      if (p === index) return path();
      stack.push({ arr: ch === '[', key: '', i: 0, expectKey: ch === '{' });
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      continue;
    }
    if (ch === ':' && top) {
      top.expectKey = false;
      continue;
    }
    if (ch === ',' && top) {
      if (top.arr) top.i++;
      else top.expectKey = true;
      continue;
    }
    if (p >= index) return path();
  }
  return path();
}

/** The member name quoted at json[open..close]: the text itself unless it holds an escape. */
function keyText(json: string, open: number, close: number): string {
  const raw = json.slice(open + 1, close);
  return raw.includes('\\') ? (JSON.parse(json.slice(open, close + 1)) as string) : raw;
}
