/**
 * End to end: Vitest runs generated spec files in a child process, with vitest-shadow registered
 * through `setupFiles` exactly as a user would, and a custom reporter reads `task.meta`.
 *
 * Two child runs, started together in beforeAll: one whose specs all pass (exit code 0) and one
 * whose specs fail in each way a user meets (exit code 1). The data in the specs is tiny and the
 * faults are injected by hand, so every expected number below is known without the engine.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stripAnsi } from '../_helpers/stripAnsi.js';

const CHILD_TIMEOUT = 60_000;
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const setupFile = join(projectRoot, 'matchers', 'setup.ts');
const vitestBin = join(projectRoot, 'node_modules', '.bin', 'vitest');
const work = mkdtempSync(join(tmpdir(), 'vitest-shadow-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Shared by every spec: three events, and a shadow whose event "b" has price 21 instead of 20. */
const DATA = `
const legacy = [{ id: 'a', price: 10 }, { id: 'b', price: 20 }, { id: 'c', price: 30 }];
const shadowOff = [{ id: 'a', price: 10 }, { id: 'b', price: 21 }, { id: 'c', price: 30 }];
`;

/** Two equal JSON Lines files, for the matchers given file paths (compared asynchronously). */
const FILES = `
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const filesDir = mkdtempSync(join(tmpdir(), 'shadow-files-'));
const legacyFile = join(filesDir, 'legacy.jsonl');
const shadowFile = join(filesDir, 'shadow.jsonl');
writeFileSync(legacyFile, '{"id":"a","price":10}\\n{"id":"b","price":20}\\n');
writeFileSync(shadowFile, '{"id":"a","price":10}\\n{"id":"b","price":20}\\n');
`;

const PASSING_SPEC = `import { expect, test } from 'vitest';
${DATA}
${FILES}
test('file paths, awaited', async () => {
  await expect(shadowFile).toApproximatelyMatch(legacyFile, { key: 'id' });
});

test('within tolerance', () => {
  const shadow = legacy.map((e) => ({ ...e, price: e.price + 0.004 }));
  expect(shadow).toApproximatelyMatch(legacy, { key: 'id', fields: { price: { abs: 0.01 } } });
});

test('not when shadow differs', () => {
  expect(shadowOff).not.toApproximatelyMatch(legacy, { key: 'id' });
});

test('wrong receiver is a TypeError, also under not', () => {
  expect(() => expect(42).toApproximatelyMatch(legacy, { key: 'id' })).toThrow(TypeError);
  expect(() => expect(42).not.toApproximatelyMatch(legacy, { key: 'id' })).toThrow(TypeError);
});
`;

const FAILING_SPEC = `import { expect, test } from 'vitest';
${DATA}
${FILES}
test('file paths, not awaited', () => {
  // The files are equal: the test fails only because its verdict would come after it ended.
  expect(shadowFile).toApproximatelyMatch(legacyFile, { key: 'id' });
});

test('plain failure', () => {
  expect(shadowOff).toApproximatelyMatch(legacy, { key: 'id' });
});

test('not failure when equal', () => {
  expect(structuredClone(legacy)).not.toApproximatelyMatch(legacy, { key: 'id' });
});

test('two soft failures', () => {
  expect.soft(shadowOff).toApproximatelyMatch(legacy, { key: 'id' });
  expect.soft(legacy.slice(0, 2)).toApproximatelyMatch(legacy, { key: 'id' });
});

test('wrong receiver', () => {
  expect(42).toApproximatelyMatch(legacy, { key: 'id' });
});
`;

/** Prints one line per finished test with what the matchers recorded on task.meta. */
const REPORTER = `export default class ShadowMetaReporter {
  onTestCaseResult(testCase) {
    const reports = (testCase.meta().shadowReports ?? []).map((r) => ({
      matcher: r.matcher,
      verdict: r.report.verdict,
      counts: r.report.counts,
    }));
    process.stdout.write('SHADOW-META ' + JSON.stringify({ test: testCase.name, reports }) + '\\n');
  }
}
`;

interface JsonResult {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

interface ChildRun {
  code: number | null;
  output: string;
  json: JsonResult;
  meta: Map<string, { matcher: string; verdict: string; counts: Record<string, number> }[]>;
}

/** Writes a project with one spec file into its own folder and runs Vitest on it. */
function runChild(name: string, spec: string): Promise<ChildRun> {
  const root = join(work, name);
  mkdirSync(root);
  // The specs and the config import 'vitest' like a user's would: resolve it from this project.
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(root, 'shadow.spec.ts'), spec);
  writeFileSync(join(root, 'meta-reporter.mjs'), REPORTER);
  writeFileSync(
    join(root, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    include: ['shadow.spec.ts'],
    setupFiles: [${JSON.stringify(setupFile)}],
    reporters: ['default', ['json', { outputFile: 'results.json' }], './meta-reporter.mjs'],
  },
});
`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' };
  // The parent is itself a Vitest worker: keep its variables from steering the child.
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_OPTIONS' || k === 'TEST') delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(vitestBin, ['run', '--root', root], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child Vitest (${name}) did not finish within ${CHILD_TIMEOUT} ms:\n${output}`));
    }, CHILD_TIMEOUT);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      output = stripAnsi(output);
      try {
        const json = JSON.parse(readFileSync(join(root, 'results.json'), 'utf8')) as JsonResult;
        const meta: ChildRun['meta'] = new Map();
        for (const line of output.split('\n')) {
          const m = /SHADOW-META (.*)$/.exec(line);
          if (m) {
            const { test: title, reports } = JSON.parse(m[1]) as { test: string; reports: ChildRun['meta'] extends Map<string, infer V> ? V : never };
            meta.set(title, reports);
          }
        }
        resolve({ code, output, json, meta });
      } catch (e) {
        reject(new Error(`child Vitest (${name}) left no readable results.json (exit ${code}):\n${output}\n${String(e)}`));
      }
    });
  });
}

function result(run: ChildRun, title: string) {
  const found = run.json.testResults.flatMap((f) => f.assertionResults).find((r) => r.title === title);
  if (!found) throw new Error(`no result for "${title}" in the child's JSON report; output:\n${run.output}`);
  return { ...found, failureMessages: found.failureMessages.map(stripAnsi) };
}

let passing: ChildRun;
let failing: ChildRun;
beforeAll(async () => {
  [passing, failing] = await Promise.all([runChild('passing', PASSING_SPEC), runChild('failing', FAILING_SPEC)]);
}, 2 * CHILD_TIMEOUT);

/** The counts the injected data implies when shadow is `shadowOff` (one price changed). */
const OFF_BY_ONE = { legacy: 3, shadow: 3, matched: 3, equal: 2, missing: 0, extra: 0 };

describe('.toApproximatelyMatch in a child Vitest run', () => {
  test('passes when shadow is within tolerance, and the run exits 0', { timeout: CHILD_TIMEOUT }, () => {
    expect(result(passing, 'within tolerance').status).toBe('passed');
    expect(passing.code, passing.output).toBe(0);
    expect(passing.output).toMatch(/Tests\s+4 passed \(4\)/);
  });

  test('fails with the verdict sentence and the examples table, and the run exits 1', { timeout: CHILD_TIMEOUT }, () => {
    const r = result(failing, 'plain failure');
    expect(r.status).toBe('failed');
    expect(r.failureMessages).toHaveLength(1);
    const [message] = r.failureMessages;
    expect(message).toContain('expect(shadow).toApproximatelyMatch(legacy, options)');
    expect(message).toContain('Shadow does not approximately match legacy: 2 of 3 legacy events (66.67%) match within tolerance, 100.00% required.');
    expect(message).toMatch(/Examples \(legacy vs shadow\):\n\s+key\s+field\s+legacy\s+shadow\n\s+"b"\s+price\s+20\s+21\n/);
    // The default reporter prints the same explanation on the console.
    expect(failing.output).toContain('Shadow does not approximately match legacy: 2 of 3 legacy events (66.67%)');
    expect(failing.output).toMatch(/"b"\s+price\s+20\s+21/);
    expect(failing.code).toBe(1);
    expect(failing.output).toMatch(/Tests\s+5 failed \(5\)/);
  });

  test('throws a TypeError naming the receiver when it is not a dataset', { timeout: CHILD_TIMEOUT }, () => {
    expect(result(passing, 'wrong receiver is a TypeError, also under not').status).toBe('passed');
    const r = result(failing, 'wrong receiver');
    expect(r.status).toBe('failed');
    expect(r.failureMessages[0]).toContain(
      'toApproximatelyMatch: the received value (shadow) must be an array of rows or a table with objects() (e.g. from loadDataset), got 42',
    );
    expect(r.failureMessages[0]).not.toContain('Shadow does not approximately match');
  });
});

describe('.toApproximatelyMatch given file paths in a child Vitest run', () => {
  test('passes when awaited and the files agree', { timeout: CHILD_TIMEOUT }, () => {
    expect(result(passing, 'file paths, awaited').status).toBe('passed');
  });

  test('fails when not awaited, even on equal files, and says to await it', { timeout: CHILD_TIMEOUT }, () => {
    const r = result(failing, 'file paths, not awaited');
    expect(r.status).toBe('failed');
    expect(r.failureMessages.join('\n')).toContain(
      'toApproximatelyMatch: the comparison was not awaited, so the test ended before its verdict. Files are compared asynchronously: write `await expect(shadowPath).toApproximatelyMatch(legacyPath, options)`.',
    );
  });
});

describe('.not.toApproximatelyMatch in a child Vitest run', () => {
  test('passes when shadow differs', { timeout: CHILD_TIMEOUT }, () => {
    expect(result(passing, 'not when shadow differs').status).toBe('passed');
  });

  test('fails with "Expected shadow NOT to match" when shadow equals legacy', { timeout: CHILD_TIMEOUT }, () => {
    const r = result(failing, 'not failure when equal');
    expect(r.status).toBe('failed');
    expect(r.failureMessages[0]).toContain('expect(shadow).not.toApproximatelyMatch(legacy, options)');
    expect(r.failureMessages[0]).toContain('Expected shadow NOT to match legacy, but it does.');
  });
});

describe('expect.soft(...).toApproximatelyMatch in a child Vitest run', () => {
  test('reports both soft failures of one test', { timeout: CHILD_TIMEOUT }, () => {
    const r = result(failing, 'two soft failures');
    expect(r.status).toBe('failed');
    expect(r.failureMessages).toHaveLength(2);
    expect(r.failureMessages[0]).toContain('2 of 3 legacy events (66.67%) match within tolerance');
    // The second one drops event "c": 2 of 3 matched, 1 missing.
    expect(r.failureMessages[1]).toContain('2 of 3 legacy events (66.67%) match within tolerance');
    expect(r.failureMessages[1]).toContain('Missing from shadow (1): "c"');
  });
});

describe('task.meta.shadowReports seen by a custom reporter in the child', () => {
  test('holds one report per matcher call with its verdict and counts', { timeout: CHILD_TIMEOUT }, () => {
    expect(passing.meta.get('within tolerance')).toEqual([
      { matcher: 'toApproximatelyMatch', verdict: 'pass', counts: expect.objectContaining({ legacy: 3, shadow: 3, matched: 3, equal: 3 }) },
    ]);
    // Under .not the recorded verdict is the comparison's own, not the flipped assertion.
    expect(passing.meta.get('not when shadow differs')).toEqual([
      { matcher: 'toApproximatelyMatch', verdict: 'fail', counts: expect.objectContaining(OFF_BY_ONE) },
    ]);
    expect(failing.meta.get('plain failure')).toEqual([
      { matcher: 'toApproximatelyMatch', verdict: 'fail', counts: expect.objectContaining(OFF_BY_ONE) },
    ]);
    expect(failing.meta.get('two soft failures')).toEqual([
      { matcher: 'toApproximatelyMatch', verdict: 'fail', counts: expect.objectContaining(OFF_BY_ONE) },
      {
        matcher: 'toApproximatelyMatch',
        verdict: 'fail',
        counts: expect.objectContaining({ legacy: 3, shadow: 2, matched: 2, equal: 2, missing: 1, extra: 0 }),
      },
    ]);
    // A wrong receiver throws before any comparison: nothing is recorded.
    expect(failing.meta.get('wrong receiver')).toEqual([]);
  });
});
