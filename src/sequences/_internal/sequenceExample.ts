/** One differing entity as a report example: an excerpt around the first divergence and a line per class. */
import { cell } from '../../report/format.js';
import type { SequenceDiffClass, SequenceExample } from '../compareSequences.js';
import type { SideEvents } from './assemble.js';
import type { EntityComparer, EntityResult } from './compareEntity.js';
import type { compileEventComparer } from './eventComparer.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { few, num4, plural } from './text.js';

const EXCERPT = 8;

/** Everything an example reads besides the entity's result. */
export interface ExampleContext {
  ec: EntityComparer;
  L: SideEvents;
  S: SideEvents;
  o: ResolvedSequenceOptions;
  comparer: ReturnType<typeof compileEventComparer>;
}

/** The example for one entity, read from the comparer's state right after that entity was compared. */
export function sequenceExample(entity: unknown, r: EntityResult, names: SequenceDiffClass[], cx: ExampleContext): SequenceExample {
  const { ec, L, S, o } = cx;
  const offset = Math.max(0, r.firstDivergence - 2);
  const legacy: unknown[] = [];
  const shadow: unknown[] = [];
  for (let i = offset; i < Math.min(r.n, offset + EXCERPT); i++) legacy.push(identityOf(L.events[ec.ea[i]], o));
  for (let j = offset; j < Math.min(r.m, offset + EXCERPT); j++) shadow.push(identityOf(S.events[ec.eb[j]], o));
  return {
    entity,
    classes: [...names],
    legacyLength: r.n,
    shadowLength: r.m,
    editDistance: r.edit / Math.max(r.n, r.m),
    kendallTau: r.tau === r.tau ? r.tau : null,
    firstDivergence: r.firstDivergence,
    offset,
    legacy,
    shadow,
    details: names.map((nm) => classDetail(nm, r, cx)),
  };
}

function identityOf(ev: unknown, o: ResolvedSequenceOptions): unknown {
  if (o.id && ev !== null && typeof ev === 'object') return o.id.display(ev as Record<string, unknown>);
  return ev;
}

/** One line saying what a difference class amounts to in this entity. */
export function classDetail(name: SequenceDiffClass, r: EntityResult, cx: ExampleContext): string {
  const { ec, L, S, o, comparer } = cx;
  const lengths = `legacy ${r.n}, shadow ${r.m}`;
  const idAt = (side: 'l' | 's', pos: number) => cell(identityOf(side === 'l' ? L.events[ec.ea[pos]] : S.events[ec.eb[pos]], o), 24);
  switch (name) {
    case 'cut-head':
      return r.cutHeadShort === 'shadow'
        ? `shadow lacks the first ${few(r.cutHead, 'legacy event')} (${lengths})`
        : `shadow has ${plural(r.cutHead, 'event')} before legacy's first (${lengths})`;
    case 'cut-tail':
      return r.cutTailShort === 'shadow'
        ? `shadow lacks the last ${few(r.cutTail, 'legacy event')} (${lengths})`
        : `shadow has ${plural(r.cutTail, 'event')} after legacy's last (${lengths})`;
    case 'reordered':
      return `${r.moved} of ${r.common} common events out of order (Kendall tau ${num4(r.tau)})`;
    case 'duplicated': {
      const parts: string[] = [];
      if (r.dupShadow) parts.push(`shadow repeats ${plural(r.dupShadow, 'event')}`);
      if (r.dupLegacy) parts.push(`legacy repeats ${plural(r.dupLegacy, 'event')} that shadow has fewer times`);
      return parts.join('; ');
    }
    case 'missing':
      return `${plural(r.missing, 'legacy event')} absent from shadow`;
    case 'extra':
      return `${plural(r.extra, 'shadow event')} absent from legacy`;
    case 'time-shifted': {
      const j = r.firstTimeShift;
      const p = ec.pairOfS[j];
      const tl = o.time ? o.time.get(L.events[ec.ea[p]]) : undefined;
      const ts = o.time ? o.time.get(S.events[ec.eb[j]]) : undefined;
      return `${plural(r.timeShifted, 'event')} at another time (e.g. ${idAt('s', j)}: legacy ${cell(tl)}, shadow ${cell(ts)})`;
    }
    case 'changed': {
      const j = r.firstChanged;
      const p = ec.pairOfS[j];
      comparer.compare(L.events[ec.ea[p]], S.events[ec.eb[j]]);
      const fields = comparer.lastFields.filter((f) => f !== o.time?.path).join(', ');
      return `${plural(r.changed, 'event')} with other field values (e.g. ${idAt('s', j)}: ${fields})`;
    }
  }
}
