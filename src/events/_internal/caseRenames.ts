import type { Reason } from '../../report/types.js';
import { renamePath } from './renamePath.js';

/**
 * `ignoreFieldCase`, as both engines (compareEvents and compareEventFiles) apply it: each legacy path that shadow lacks is renamed to
 * the one shadow path spelled the same but for case, unless a side has several paths that differ
 * only by case (FIELD_NAME_COLLISION, compared by exact name). Adds to `rename` and `reasons`.
 */
export function caseRenames(lpaths: readonly string[], spaths: readonly string[], rename: Map<string, string>, reasons: Reason[]): void {
  const group = (paths: readonly string[]) => {
    const g = new Map<string, string[]>();
    for (const p of paths) {
      const k = p.toLowerCase();
      const list = g.get(k);
      if (list) list.push(p);
      else g.set(k, [p]);
    }
    return g;
  };
  const lg = group(lpaths);
  const sg = group(spaths);
  for (const [side, g] of [['legacy', lg], ['shadow', sg]] as const) {
    for (const list of g.values()) {
      if (list.length < 2) continue;
      const names = [...list].sort();
      reasons.push({
        code: 'FIELD_NAME_COLLISION',
        severity: 'fail',
        subject: names[0],
        expected: 'field names distinct ignoring case',
        received: names.join(', '),
        message: `${side} has fields ${names.map((n) => `'${n}'`).join(' and ')}, which differ only by case, so ignoreFieldCase cannot tell which one to compare; they are compared by exact name: rename one, or set ignoreFieldCase: false`,
      });
    }
  }
  const sset = new Set(spaths);
  for (const l of [...lpaths].sort()) {
    if ((lg.get(l.toLowerCase())?.length ?? 0) > 1) continue;
    const target = renamePath(l, rename);
    if (sset.has(target)) continue;
    const cands = sg.get(target.toLowerCase());
    if (cands && cands.length === 1 && cands[0] !== target) rename.set(l, cands[0]);
  }
}
