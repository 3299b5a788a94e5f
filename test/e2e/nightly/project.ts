/**
 * The generated consumer project of the nightly end-to-end test: three event types (click, search,
 * purchase) over three simulated nights, with faults injected at known places. `EXPECTED` is the
 * ground truth the artefacts are checked against; it is written from the injections, never from the
 * engine's output.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRng } from '../../../src/stats/_internal/prng.js';

export const NIGHTS = ['2026-12-01', '2026-12-02', '2026-12-03'] as const;
export const TYPES = ['click', 'search', 'purchase'] as const;
export const TIERS = ['events', 'sequences', 'outputs:score'] as const;
export const PER_TYPE = 200;

type Night = (typeof NIGHTS)[number];
type Verdicts = Record<string, Record<string, 'pass' | 'fail'>>;

/** Verdict per night, event type and tier: fail exactly where a fault is injected, pass elsewhere. */
export const EXPECTED: Record<Night, Verdicts> = {
  '2026-12-01': {},
  // search: 5 prices +1 (97.5 % < the 99 % override); purchase: 3 events missing in shadow (both tiers)
  '2026-12-02': { search: { events: 'fail' }, purchase: { events: 'fail', sequences: 'fail' } },
  // click: one user's event moved after the next one (sequences only); search: 1 price +1 (99.5 % ≥ 99 %,
  // passes by the override); purchase: every score +1 (model output only)
  '2026-12-03': { click: { sequences: 'fail' }, 'purchase': { 'outputs:score': 'fail' } },
};

export function expectedVerdict(night: Night, type: string, tier: string): 'pass' | 'fail' {
  return EXPECTED[night][type]?.[tier] ?? 'pass';
}

/** Injected counts the JSON must show. */
export const INJECTED = { searchPriceFaults: { '2026-12-02': 5, '2026-12-03': 1 }, purchaseMissing: 3, clickReordered: 1 } as const;

interface Event {
  eventId: string;
  userId: string;
  type: string;
  ts: string;
  price: number;
  score: number;
}

/** Legacy and shadow events of one night, every type mixed in one file, faults injected. */
export function nightData(night: Night): { legacy: Event[]; shadow: Event[] } {
  const rng = createRng(20261200 + NIGHTS.indexOf(night));
  const base = Date.parse(`${night}T00:00:00Z`);
  const legacy: Event[] = [];
  for (let i = 0; i < PER_TYPE * TYPES.length; i++) {
    const type = TYPES[i % TYPES.length];
    legacy.push({
      eventId: `${type}-${night}-${i}`,
      userId: `u${rng.nextInt(25)}`,
      type,
      ts: new Date(base + i * 1000).toISOString(),
      price: Math.round(rng.nextFloat() * 10000) / 100,
      score: Math.round(rng.nextFloat() * 1e6) / 1e6,
    });
  }
  let shadow = legacy.map((e) => ({ ...e }));
  const ofType = (t: string) => shadow.map((e, i) => [e, i] as const).filter(([e]) => e.type === t).map(([, i]) => i);
  if (night === '2026-12-02') {
    for (const i of ofType('search').slice(10, 15)) shadow[i].price += 1;
    const drop = new Set(ofType('purchase').slice(50, 53));
    shadow = shadow.filter((_, i) => !drop.has(i));
  }
  if (night === '2026-12-03') {
    shadow[ofType('search')[7]].price += 1;
    for (const i of ofType('purchase')) shadow[i].score += 1;
    // the first click event of the first click user moves just after that user's next click event
    const clicks = ofType('click');
    const first = clicks[0];
    const next = clicks.find((i) => i !== first && shadow[i].userId === shadow[first].userId)!;
    shadow[first].ts = new Date(Date.parse(shadow[next].ts) + 1).toISOString();
  }
  return { legacy, shadow };
}

/** How the generated files import vitest-shadow: the package names, or this repository's sources. */
export interface Imports {
  suite: string;
  plugin: string;
  setup: string;
}

export const PACKAGE_IMPORTS: Imports = { suite: 'vitest-shadow/suite', plugin: 'vitest-shadow/plugin', setup: 'vitest-shadow/setup' };

/** Writes the consumer project: data of every night, the nightly suite, the config, a typed setup file. */
export function writeProject(dir: string, imports: Imports): void {
  for (const night of NIGHTS) {
    const d = join(dir, 'data', night);
    mkdirSync(d, { recursive: true });
    const { legacy, shadow } = nightData(night);
    writeFileSync(join(d, 'legacy.jsonl'), legacy.map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(join(d, 'shadow.jsonl'), shadow.map((e) => JSON.stringify(e)).join('\n') + '\n');
  }
  // refund: three legacy events, none in shadow
  writeFileSync(join(dir, 'data', NIGHTS[0], 'legacy-refund.jsonl'), [1, 2, 3].map((i) => JSON.stringify({ eventId: `r${i}`, userId: 'u1', type: 'refund', ts: '2026-12-01T00:00:00Z' })).join('\n'));
  writeFileSync(join(dir, 'data', NIGHTS[0], 'shadow-refund.jsonl'), '');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'nightly-consumer', private: true, type: 'module' }, null, 2),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
        include: ['*.ts'],
      },
      null,
      2,
    ),
  );
  // The jest-dom pattern: a local setup file inside the tsconfig's include makes the matchers typed.
  writeFileSync(join(dir, 'vitest.setup.ts'), `import '${imports.setup}';\n`);
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config';
import { shadowPlugin } from '${imports.plugin}';

export default defineConfig({
  plugins: [
    shadowPlugin({
      outputDir: process.env.OUT_DIR ?? 'shadow-reports',
      historyDir: process.env.NO_HISTORY ? undefined : (process.env.HISTORY_DIR ?? 'shadow-history'),
      partition: process.env.NIGHT,
      runId: process.env.NIGHT ? 'night-' + process.env.NIGHT : undefined,
      commit: 'e2e0000000000000000000000000000000000000',
      pipelines: (type) => ({ legacy: { landingMs: 1000, cpuSeconds: 10 }, shadow: { landingMs: 900, cpuSeconds: type === 'search' ? 12 : 8 } }),
    }),
  ],
  test: { include: [process.env.SPEC ?? 'nightly.test.ts'], setupFiles: ['./vitest.setup.ts'] },
});
`,
  );
  writeFileSync(
    join(dir, 'nightly.test.ts'),
    `import { defineShadowSuite } from '${imports.suite}';

const night = process.env.NIGHT ?? '${NIGHTS[0]}';

defineShadowSuite({
  eventTypes: ['click', 'search', 'purchase'],
  legacy: \`data/\${night}/legacy.jsonl\`,
  shadow: \`data/\${night}/shadow.jsonl\`,
  events: { key: 'eventId', fields: { ts: 'ignore', score: 'ignore' } },
  sequences: { entity: 'userId', orderBy: 'ts', id: 'eventId', fields: { price: 'ignore', score: 'ignore' } },
  models: { score: { check: 'distribution', value: 'score', maxKs: 0.25, seed: 7 } },
  overrides: { search: { events: { minMatchRate: 0.99 } } },
});
`,
  );
  // Bad input: a missing file, an empty glob, an event type with no rows on one side; click still runs.
  writeFileSync(
    join(dir, 'bad.test.ts'),
    `import { defineShadowSuite } from '${imports.suite}';
import { expect, test } from 'vitest';

defineShadowSuite({
  name: 'bad input',
  eventTypes: ['click', 'ghost', 'globbed', 'refund'],
  legacy: (type) =>
    type === 'ghost' ? 'data/nowhere/legacy.jsonl' : type === 'globbed' ? 'data/*/nothing-*.jsonl' : type === 'refund' ? 'data/${NIGHTS[0]}/legacy-refund.jsonl' : 'data/${NIGHTS[0]}/legacy.jsonl',
  shadow: (type) => (type === 'refund' ? 'data/${NIGHTS[0]}/shadow-refund.jsonl' : 'data/${NIGHTS[0]}/shadow.jsonl'),
  typeField: 'type',
  events: { key: 'eventId', fields: { ts: 'ignore' } },
});

// the matchers are typed through vitest.setup.ts: a type error here fails the consumer typecheck
test('matchers typecheck through the local setup file', () => {
  expect([{ id: 1, v: 1 }]).toApproximatelyMatch([{ id: 1, v: 1 }], { key: 'id' });
});
`,
  );
  // Every way a check can fail without its Report saying so (see PITFALLS): none may show as a pass.
  writeFileSync(join(dir, 'pitfalls.test.ts'), PITFALLS_SPEC);
}

/**
 * Writes the README's 30-second example into `dir`, verbatim (each ```ts block after the heading that
 * starts with `// <file name>` becomes that file), with the data it reads made from the bundled sample
 * (its search events, gzip-compressed). `rewrite` may point the package imports elsewhere.
 */
export function writeReadmeExample(dir: string, readme: string, sampleDir: string, rewrite: (code: string) => string = (c) => c): string[] {
  const section = readme.slice(readme.indexOf('## The 30-second example'), readme.indexOf('When it fails'));
  const files: string[] = [];
  for (const m of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const code = m[1];
    const name = /^\/\/ ([\w.-]+\.ts)/.exec(code)?.[1];
    if (!name) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), rewrite(code));
    files.push(name);
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme-example', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['*.ts'] }, null, 2),
  );
  for (const side of ['legacy', 'shadow']) {
    const lines = readFileSync(join(sampleDir, `${side}.jsonl`), 'utf8').split('\n').filter((l) => l && (JSON.parse(l) as { type: string }).type === 'search');
    mkdirSync(join(dir, 'out', side), { recursive: true });
    writeFileSync(join(dir, 'out', side, 'search.jsonl.gz'), gzipSync(lines.join('\n') + '\n'));
  }
  return files;
}

/**
 * A spec file with each way a shadow check used to pass by accident, one test per way, and what the
 * run's JSON must show for it (`[test name, event type, tier, verdict]` per entry, in file order).
 */
export const PITFALLS_SPEC = `import { beforeAll, describe, expect, test } from 'vitest';

const legacy = [{ id: 'a', type: 'click', price: 10 }, { id: 'b', type: 'search', price: 20 }];
const same = () => legacy.map((e) => ({ ...e }));
const off = legacy.map((e) => (e.id === 'b' ? { ...e, price: 21 } : { ...e }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('grouped, an override names no group', () => {
  expect(same()).toApproximatelyMatch(legacy, { key: 'id', by: 'type', overrides: { serach: { minMatchRate: 0.5 } } });
});
test('throws before the matcher', () => {
  const load = (): typeof legacy => { throw new Error('shadow table not found'); };
  expect(load()).toApproximatelyMatch(legacy, { key: 'id', label: 'thrown' });
});
test('bad option', () => {
  expect(same()).toApproximatelyMatch(legacy, { key: 'id', label: 'opt', minMatchRat: 0.9 } as never);
});
test('missing shadow file', async () => {
  await expect('data/nowhere/shadow.jsonl').toApproximatelyMatch('data/nowhere/legacy.jsonl', { key: 'eventId', label: 'files' });
});
test('passes, then another expect fails', () => {
  expect(same()).toApproximatelyMatch(legacy, { key: 'id', label: 'then' });
  expect(same().length).toBe(3);
});
test('not, on equal data', () => {
  expect(same()).not.toApproximatelyMatch(legacy, { key: 'id', label: 'negated' });
});
test('a negative control catches its fault', () => {
  expect(off).not.toApproximatelyMatch(legacy, { key: 'id', label: 'control' });
});
test.fails('a known fault, in test.fails', () => {
  expect(off).toApproximatelyMatch(legacy, { key: 'id', label: 'control' });
});
let attempts = 0;
test('retried until it passes', { retry: 2 }, () => {
  attempts++;
  expect(attempts < 3 ? off : same()).toApproximatelyMatch(legacy, { key: 'id', label: 'retried' });
});
test('empty label', () => {
  expect(same()).toApproximatelyMatch(legacy, { key: 'id', label: '' });
});
describe('hooked', () => {
  beforeAll(() => {
    expect(off).toApproximatelyMatch(legacy, { key: 'id', label: 'hooked' });
  });
  test('downstream', () => {
    expect(1).toBe(1);
  });
});
test.concurrent('concurrent, global expect, slow', async () => {
  await sleep(300);
  expect(off).toApproximatelyMatch(legacy, { key: 'id', label: 'slow' });
});
test.concurrent('concurrent, context expect, fast', async ({ expect }) => {
  await sleep(10);
  expect(same()).toApproximatelyMatch(legacy, { key: 'id', label: 'fast' });
});
test('leaks an error after passing', () => {
  expect(same()).toApproximatelyMatch(legacy, { key: 'id', label: 'leak' });
  setTimeout(() => { throw new Error('shadow writer crashed'); }, 0);
});
test('later', async () => {
  await sleep(100);
});
`;

export const PITFALLS_EXPECTED: [string, string, string, 'pass' | 'fail' | 'error'][] = [
  ['hooked', 'hooked', '(no report)', 'error'],
  ['grouped, an override names no group', 'click', 'events', 'pass'],
  ['grouped, an override names no group', 'search', 'events', 'pass'],
  ['grouped, an override names no group', '(by type)', 'events', 'fail'],
  ['throws before the matcher', '(none)', '(no report)', 'error'],
  ['bad option', 'opt', 'events', 'error'],
  ['missing shadow file', 'files', 'events', 'error'],
  ['passes, then another expect fails', 'then', 'events', 'error'],
  // .not on equal data: a negative control that no longer catches its fault (not the event type's own verdict)
  ['not, on equal data', 'negated', 'control:events', 'fail'],
  ['a negative control catches its fault', 'control', 'control:events', 'pass'],
  ['a known fault, in test.fails', 'control', 'control:events', 'pass'],
  ['retried until it passes', 'retried', 'events', 'pass'],
  ['empty label', '(none)', 'events', 'pass'],
  ['concurrent, global expect, slow', '(none)', '(no report)', 'error'],
  ['concurrent, context expect, fast', 'fast', 'events', 'pass'],
  ['leaks an error after passing', 'leak', 'events', 'pass'],
];
