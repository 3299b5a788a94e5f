import type { CriteriaEvaluation } from './evaluateCriteria.js';
import type { GateDecision, GateItem } from './decideGate.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const changeOf = (i: GateItem) => (i.consumer ? `consumer \`${i.consumer}\`: ${i.from} → ${i.to}` : `${i.from} → ${i.to}`);
const mark = (ok: boolean) => (ok ? '✅' : '⛔');

/** The criteria table of one evaluation, as Markdown lines. */
export function renderEvaluationMarkdown(e: CriteriaEvaluation): string[] {
  const kind = e.direction === 'reverse' ? 'reverse-shadow' : 'shadow';
  const lines = [
    `Judged on ${e.judged.length} of ${e.available} ${kind} run${e.available === 1 ? '' : 's'}: ${e.judged.map((r) => `\`${r.runId}\``).join(', ') || '(none)'}.`,
    '',
    '| criterion | requirement | holds | evidence |',
    '|---|---|---|---|',
    ...e.criteria.map((c) => `| ${c.criterion} | ${cell(c.requirement)} | ${c.holds ? '✅ yes' : '⛔ no'} | ${cell(c.evidence)} |`),
  ];
  return lines;
}

/**
 * Renders a gate decision as Markdown for a pull-request comment: a headline, a table of every change with
 * its decision, then per change the criteria judged (requirement, holds, evidence with the run ids).
 *
 * @example
 * console.log(renderGateMarkdown(decideGate(base, head, records)));
 */
export function renderGateMarkdown(decision: GateDecision): string {
  const lines: string[] = [];
  if (decision.items.length === 0) {
    lines.push('## Cutover gate: ✅ allowed', '', 'Nothing advances: no event type changes stage and no consumer changes side.');
    return lines.join('\n') + '\n';
  }
  const blocked = decision.items.filter((i) => !i.allowed).length;
  lines.push(
    `## Cutover gate: ${decision.allowed ? '✅ allowed' : `⛔ blocked (${blocked} of ${decision.items.length} change${decision.items.length === 1 ? '' : 's'})`}`,
    '',
    '| event type | change | decision |',
    '|---|---|---|',
    ...decision.items.map((i) => `| ${cell(i.eventType)} | ${cell(changeOf(i))} | ${mark(i.allowed)} ${cell(i.summary)} |`),
  );
  for (const i of decision.items) {
    lines.push('', `### ${i.eventType}${i.consumer ? ` › ${i.consumer}` : ''}: ${i.from} → ${i.to} — ${i.allowed ? 'allowed' : 'blocked'}`, '', i.summary);
    for (const n of i.notes) lines.push('', `> ⚠️ ${n}`);
    if (i.evaluation) lines.push('', `Criteria to leave ${i.criteriaOf}:`, '', ...renderEvaluationMarkdown(i.evaluation));
  }
  return lines.join('\n') + '\n';
}
