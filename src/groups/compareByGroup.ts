import { ShadowOptionError, assertPlainObject, describeValue, nearest } from '../_internal/options.js';
import { compileGetter, isPlainObject } from '../_internal/path.js';
import { toRows, type Row } from '../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { mergeOptions } from './_internal/mergeOptions.js';
import { compileGroupBy, splitRows } from './_internal/splitRows.js';
import type { GroupOptions, GroupResult, GroupSegment, GroupUnmatched, GroupedReport } from './types.js';

/** How {@link compareByGroup} reads one tier's options. */
export interface GroupAdapter {
  /**
   * Option paths holding field rules keyed by field path (`[['fields']]` for events,
   * `[['events', 'fields'], ['sequences', 'fields']]` for both tiers). A rule for a field that no
   * row of a group has, on either side, is left out inside that group.
   * @defaultValue []
   */
  fieldRules?: readonly (readonly string[])[];
  /** What the tier calls an unmatched row, for messages. @defaultValue 'rows' */
  unit?: string;
}

/** The options a tier's compare function takes when called with `by`. */
export function hasGroupBy(options: unknown): options is { by: unknown } {
  return isPlainObject(options) && options.by !== undefined;
}

/** Share of the missing (or extra) rows a group must hold to be named as their segment. */
const SEGMENT_SHARE = 0.9;

function readPath(o: unknown, path: readonly string[]): unknown {
  let v = o;
  for (const p of path) v = isPlainObject(v) ? v[p] : undefined;
  return v;
}

function withPath(o: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...o, [head]: value };
  const inner = isPlainObject(o[head]) ? o[head] : {};
  return { ...o, [head]: withPath(inner, rest, value) };
}

/** Missing and extra as each tier counts them (events, entities, keyed values). */
function unmatchedOf(report: ReportBase): { missing: number; extra: number } {
  const r = report as unknown as Record<string, any>;
  const c = r.counts;
  if (c && typeof c.missing === 'number') return { missing: c.missing, extra: c.extra ?? 0 };
  if (c && typeof c.missingEntities === 'number') return { missing: c.missingEntities, extra: c.extraEntities ?? 0 };
  if (r.events?.counts) return unmatchedOf(r.events as ReportBase);
  if (r.pairing && typeof r.pairing.missing === 'number') return { missing: r.pairing.missing, extra: r.pairing.extra ?? 0 };
  return { missing: 0, extra: 0 };
}

/**
 * Runs one tier's check once per group of rows (`by` a path such as `'type'`, or a function),
 * each group with the options merged with its `overrides`, and composes the group reports: the
 * overall verdict fails when any group fails, else is inconclusive when any group is.
 *
 * Rows are split on each side by their own group value, so an event whose group changed between
 * legacy and shadow counts as missing in one group and extra in the other. A field rule for a
 * field that no row of a group has on either side is skipped in that group (listed in
 * `skippedFieldRules`); a rule for a field no group has at all is the tier's usual
 * `DECLARED_FIELD_ABSENT` failure, raised once here. An override for a group that has no rows on
 * either side fails (`OVERRIDE_GROUP_ABSENT`): usually a misspelt group, or a group that vanished.
 *
 * Complexity: one pass to split, then the tier's own cost per group.
 *
 * @example
 * const report = compareByGroup('compareEvents', compareEvents, legacy, shadow, {
 *   key: 'id', by: 'type', overrides: { search: { minMatchRate: 0.995 } },
 * }, { fieldRules: [['fields']], unit: 'events' });
 * report.groups.find((g) => g.group === 'search')?.verdict;
 */
export function compareByGroup<O extends object, R extends ReportBase>(
  fn: string,
  compare: (legacy: Row[], shadow: Row[], options: O) => R,
  legacy: unknown,
  shadow: unknown,
  options: O & GroupOptions<O>,
  adapter: GroupAdapter = {},
): GroupedReport<R> {
  const plan = groupPlan(fn, options, adapter);
  const lrows = toRows(legacy, fn, 'legacy') as Row[];
  const srows = toRows(shadow, fn, 'shadow') as Row[];
  const groupOf = compileGroupBy(plan.by);
  const lg = splitRows(lrows, groupOf);
  const sg = splitRows(srows, groupOf);
  const names = [...new Set([...lg.keys(), ...sg.keys()])].sort();
  const groups: GroupResult<R>[] = [];
  for (const g of names) {
    const l = lg.get(g) ?? [];
    const s = sg.get(g) ?? [];
    const { options: opts, overridden, skipped, override } = plan.optionsOf(g, (field, shadowField) => {
      const lget = compileGetter(field);
      const sget = compileGetter(shadowField);
      return l.some((r) => lget(r) !== undefined) || s.some((r) => sget(r) !== undefined);
    });
    let report: R;
    try {
      report = compare(l, s, opts as O);
    } catch (e) {
      throw plan.overrideError(e, g, override);
    }
    groups.push({ group: g, verdict: report.verdict, rows: { legacy: l.length, shadow: s.length }, overridden, skippedFieldRules: skipped, report });
  }
  return plan.compose(groups, { legacy: lrows.length, shadow: srows.length }, () => [...new Set(lrows.flatMap((r) => Object.keys(r)))]);
}

/** The options of one group, as {@link GroupPlan.optionsOf} gives them. */
export interface GroupRun {
  /** The options merged with the group's override, without rules for fields the group lacks, labelled. */
  options: Record<string, unknown>;
  /** Option paths the override changed. */
  overridden: string[];
  /** Field rules left out: no row of the group has the field on either side. */
  skipped: string[];
  /** Whether the group has an override (errors of its run name it). */
  override: boolean;
}

/**
 * compareByGroup's steps for an engine that splits and compares its groups itself (the DuckDB
 * engine on files): the options checked once, the options of each group, and the composition of
 * the group reports into one GroupedReport, so that both engines give one report.
 * @internal
 */
export interface GroupPlan {
  /** The `by` option, checked. */
  by: GroupOptions<object>['by'];
  /** `by` as reports name it: the path, or 'a function'. */
  byText: string;
  /** The options without `by` and `overrides`. */
  base: Record<string, unknown>;
  /** The options of group `g`; `present(field, shadowField)` says whether a row of the group holds the field on either side. */
  optionsOf(g: string, present: (field: string, shadowField: string) => boolean): GroupRun;
  /** An error of a group's run, naming its override where it has one. */
  overrideError(e: unknown, g: string, override: boolean): unknown;
  /** Whether a field rule is held by no group so far (compose then names it, suggesting one of the legacy rows' fields). */
  fieldAbsentEverywhere(): boolean;
  /** The GroupedReport of the group reports (in group order); `legacyFields` lists the legacy rows' top-level field names, for suggestions. */
  compose<R extends ReportBase>(groups: GroupResult<R>[], rows: { legacy: number; shadow: number }, legacyFields: () => string[]): GroupedReport<R>;
}

/**
 * Checks `by` and `overrides` and returns the steps of a grouped comparison (see {@link GroupPlan}).
 * @internal
 */
export function groupPlan(fn: string, options: object, adapter: GroupAdapter = {}): GroupPlan {
  assertPlainObject(fn, 'options', options);
  const { by, overrides = {}, ...rest } = options as GroupOptions<object> & Record<string, unknown>;
  if (!(typeof by === 'function' || (typeof by === 'string' && by.length > 0 && !by.split('.').some((s) => !s)))) {
    throw new ShadowOptionError(`${fn}: by must be a field path such as 'type' or a function of the row, got ${describeValue(by)}`);
  }
  assertPlainObject(fn, 'overrides', overrides);
  for (const [g, o] of Object.entries(overrides)) {
    if (!isPlainObject(o)) throw new ShadowOptionError(`${fn}: overrides.${g} must be an object of options for group '${g}', got ${describeValue(o)}`);
    if ('by' in o || 'overrides' in o) throw new ShadowOptionError(`${fn}: overrides.${g} cannot set ${'by' in o ? 'by' : 'overrides'}; groups do not nest`);
  }
  const base = rest as Record<string, unknown>;
  const unit = adapter.unit ?? 'rows';
  const byText = typeof by === 'string' ? by : 'a function';
  // Field rules per group: present in the group on either side, or skipped there.
  const rulePaths = (adapter.fieldRules ?? []).map((p) => ({ path: p, rules: readPath(base, p) }));
  const presentAnywhere = new Map<string, boolean>();

  const optionsOf = (g: string, present: (field: string, shadowField: string) => boolean): GroupRun => {
    const ov = overrides[g] as Record<string, unknown> | undefined;
    const merged = ov ? mergeOptions(base, ov) : { options: base, changed: [] };
    let opts = merged.options;
    const skipped: string[] = [];
    for (const { path } of rulePaths) {
      const rules = readPath(opts, path);
      if (!isPlainObject(rules)) continue;
      const renames = readPath(opts, [...path.slice(0, -1), 'rename']);
      const kept: Record<string, unknown> = {};
      for (const [field, rule] of Object.entries(rules)) {
        const shadowField = isPlainObject(renames) && typeof renames[field] === 'string' ? (renames[field] as string) : field;
        const isPresent = present(field, shadowField);
        const id = `${path.join('.')}.${field}`;
        presentAnywhere.set(id, (presentAnywhere.get(id) ?? false) || isPresent);
        if (isPresent || rule === 'ignore') kept[field] = rule;
        else skipped.push(field);
      }
      const compareMode = readPath(opts, [...path.slice(0, -1), 'compare']);
      const nothingLeft = !Object.values(kept).some((r) => r !== 'ignore');
      if (skipped.length > 0 && !(compareMode === 'declared' && nothingLeft)) opts = withPath(opts, path, kept);
      else skipped.length = 0;
    }
    if (!(ov && 'label' in ov)) opts = { ...opts, label: typeof base.label === 'string' ? `${base.label} / ${g}` : g };
    return { options: opts, overridden: merged.changed, skipped, override: ov !== undefined };
  };

  const overrideError = (e: unknown, g: string, override: boolean): unknown =>
    e instanceof ShadowOptionError && override ? new ShadowOptionError(`${fn}: with overrides.${g}: ${e.message}`) : e;

  const compose = <R extends ReportBase>(groups: GroupResult<R>[], rows: { legacy: number; shadow: number }, legacyFields: () => string[]): GroupedReport<R> => {
    const names = groups.map((g) => g.group);
    const reasons: Reason[] = [];
    for (const [id, present] of presentAnywhere) {
      if (present || names.length === 0) continue;
      const field = id.split('.').slice(1).join('.');
      reasons.push({
        code: 'DECLARED_FIELD_ABSENT',
        severity: 'fail',
        subject: id,
        expected: 'present in at least one group',
        received: 'absent in every group',
        message: `${id} has a rule but no event of any group has the field${(() => {
          const guess = nearest(field, legacyFields());
          return guess ? `; did you mean '${guess}'?` : '';
        })()}`,
      });
    }
    for (const g of Object.keys(overrides)) {
      if (names.includes(g)) continue;
      const guess = nearest(g, names);
      reasons.push({
        code: 'OVERRIDE_GROUP_ABSENT',
        severity: 'fail',
        subject: `overrides.${g}`,
        expected: `rows with ${byText} = ${g}`,
        received: 'no rows on either side',
        message: `overrides.${g} names a group with no rows on either side${guess ? `; did you mean '${guess}'?` : ''}`,
      });
    }
    if (names.length === 0) {
      reasons.push({
        code: 'NO_GROUPS',
        severity: 'fail',
        subject: 'rows',
        expected: 'at least one row',
        received: 0,
        message: `no rows on either side, so no group to compare`,
      });
    }
    for (const gr of groups) {
      if (gr.verdict === 'pass') continue;
      const first = gr.report.reasons.find((r) => r.severity === gr.verdict) ?? gr.report.reasons[0];
      reasons.push({
        code: gr.verdict === 'fail' ? 'GROUP_FAILED' : 'GROUP_INCONCLUSIVE',
        severity: gr.verdict === 'fail' ? 'fail' : 'inconclusive',
        subject: `${byText} = ${gr.group}`,
        expected: 'pass',
        received: gr.verdict,
        message: `${gr.group}: ${first ? first.message : gr.verdict}`,
      });
    }

    const unmatched: GroupUnmatched[] = groups.map((g) => ({ group: g.group, ...unmatchedOf(g.report) }));
    const segments: GroupSegment[] = [];
    for (const of of ['missing', 'extra'] as const) {
      const total = unmatched.reduce((a, u) => a + u[of], 0);
      if (total === 0 || groups.length < 2) continue;
      const top = unmatched.reduce((a, u) => (u[of] > a[of] ? u : a));
      const share = top[of] / total;
      if (share < SEGMENT_SHARE) continue;
      const all = share === 1 ? `all ${total}` : `${top[of]} of the ${total}`;
      const message = `${all} ${of} ${unit} are of ${byText} = ${top.group}`;
      segments.push({ of, group: top.group, count: top[of], share, message });
      reasons.push({ code: of === 'missing' ? 'MISSING_IN_ONE_GROUP' : 'EXTRA_IN_ONE_GROUP', severity: 'info', subject: `${byText} = ${top.group}`, expected: null, received: share, message });
    }

    const sorted = sortReasons(reasons);
    const report: GroupedReport<R> = {
      kind: 'grouped',
      version: REPORT_VERSION,
      verdict: verdictOf(sorted),
      reasons: sorted,
      tier: groups[0]?.report.kind ?? fn,
      by: byText,
      groups,
      counts: {
        legacy: rows.legacy,
        shadow: rows.shadow,
        groups: groups.length,
        failing: groups.filter((g) => g.verdict === 'fail').length,
        inconclusive: groups.filter((g) => g.verdict === 'inconclusive').length,
      },
      unmatched,
      segments,
    };
    if (typeof base.label === 'string') report.label = base.label;
    return report;
  };
  const fieldAbsentEverywhere = () => [...presentAnywhere.values()].some((present) => !present);
  return { by: by as GroupOptions<object>['by'], byText, base, optionsOf, overrideError, fieldAbsentEverywhere, compose };
}
