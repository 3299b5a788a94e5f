/**
 * The built package as a user gets it: every subpath of package.json "exports" imported by the
 * package's own name (Node's self-reference) in a plain `node` child process, not through Vite;
 * its declared types compiled by a consumer file; the engine's built files scanned for any
 * Vitest import; and each runtime dependency's engines range read for the Node versions the
 * package claims.
 *
 * dist/ is built here when it is missing or older than the sources (`npm run build` stamps its own
 * build, so a test run right after it reuses that build). A failed build is reported by
 * the first test with the compiler's output; the others then check whatever was emitted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { sourcesMtimeMs, stampFile, walk, writeStamp, type BuildStamp } from '../scripts/buildStamp.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types?: string; import?: string }>;
};
const dist = join(root, 'dist');
function readStamp(): BuildStamp | undefined {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')) as BuildStamp;
  } catch {
    return undefined;
  }
}

let build: BuildStamp;
beforeAll(() => {
  const mtime = sourcesMtimeMs();
  const stamp = readStamp();
  if (existsSync(dist) && stamp && stamp.sourcesMtimeMs >= mtime) {
    build = stamp;
    return;
  }
  let ok = true;
  let output = '';
  try {
    output = execFileSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', stdio: 'pipe', timeout: 170_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    ok = false;
    output = `${err.stdout ?? ''}${err.stderr ?? ''}` || err.message;
  }
  build = { ok, output, sourcesMtimeMs: mtime };
  writeStamp(build);
}, 180_000);

/** Subpaths of "exports" with their import and types targets. */
const subpaths = Object.entries(pkg.exports).map(([key, target]) => ({
  key,
  specifier: key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`,
  import: typeof target === 'string' ? target : target.import,
  types: typeof target === 'string' ? undefined : target.types,
}));
const codeSubpaths = subpaths.filter((s) => s.types !== undefined);

let imported: Record<string, { keys?: string[]; error?: string }> | undefined;
function importInNode(): Record<string, { keys?: string[]; error?: string }> {
  return (imported ??= importInNodeOnce());
}
/** Imports every subpath in a plain Node child process and returns each one's export names. */
function importInNodeOnce(): Record<string, { keys?: string[]; error?: string }> {
  const script = `
const out = {};
for (const spec of ${JSON.stringify(subpaths.map((s) => s.specifier))}) {
  try {
    const m = spec.endsWith('.json') ? await import(spec, { with: { type: 'json' } }) : await import(spec);
    out[spec] = { keys: Object.keys(m).sort() };
  } catch (e) {
    out[spec] = { error: String(e && e.stack || e) };
  }
}
process.stdout.write(JSON.stringify(out));
`;
  // cwd is the package root, so `import('vitest-shadow/…')` resolves through self-reference.
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout) as Record<string, { keys?: string[]; error?: string }>;
}

/**
 * Compiles a consumer file placed in the package (so `vitest-shadow/…` resolves through
 * self-reference to the emitted .d.ts files) and returns its diagnostics and, per subpath, the
 * names of the value exports its types declare.
 */
function compileConsumer(consumerSource: string): { diagnostics: string[]; valueExports: Map<string, string[]> } {
  const consumerPath = join(root, 'test', '__package_consumer__.ts');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    resolve(name) === consumerPath ? ts.createSourceFile(name, consumerSource, lang) : getSourceFile(name, lang, ...rest);
  host.fileExists = (name) => resolve(name) === consumerPath || fileExists(name);
  host.readFile = (name) => (resolve(name) === consumerPath ? consumerSource : readFile(name));
  const program = ts.createProgram([consumerPath], options, host);
  const source = program.getSourceFile(consumerPath)!;
  const diagnostics = ts
    .getPreEmitDiagnostics(program, source)
    .map((d) => `${d.start === undefined ? '' : `line ${source.getLineAndCharacterOfPosition(d.start).line + 1}: `}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  const checker = program.getTypeChecker();
  const valueExports = new Map<string, string[]>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (!moduleSymbol) continue;
    const names = checker
      .getExportsOfModule(moduleSymbol)
      .filter((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return (target.flags & ts.SymbolFlags.Value) !== 0;
      })
      .map((s) => s.name)
      .sort();
    valueExports.set(statement.moduleSpecifier.text, names);
  }
  return { diagnostics, valueExports };
}

/**
 * A user's file: imports every subpath by the package name (`vitest-shadow/setup` among them) and
 * calls the matcher as the README does. Compiled once.
 */
let user: ReturnType<typeof compileConsumer> | undefined;
function userProject(): ReturnType<typeof compileConsumer> {
  const imports = codeSubpaths.map((s, i) => `import * as m${i} from '${s.specifier}';`).join('\n');
  return (user ??= compileConsumer(`${imports}
import { expect } from 'vitest';
const rows = [{ id: 1, price: 2 }];
expect(rows).toApproximatelyMatch(rows, { key: 'id', fields: { price: { abs: 0.01 } } });
expect.soft(rows).not.toApproximatelyMatch(rows, { key: ['id'] });
// @ts-expect-error the options (with key) are required
expect(rows).toApproximatelyMatch(rows);
// @ts-expect-error abs must be a number
expect(rows).toApproximatelyMatch(rows, { key: 'id', fields: { price: { abs: 'x' } } });
`));
}

/** Module specifiers a built .js file imports (comments ignored, dynamic imports included). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

test('the package builds without compiler errors', () => {
  expect(build.ok, `npm run build failed; fix these errors (dist/ was emitted anyway):\n${build.output}`).toBe(true);
});

describe('every subpath of package.json "exports"', () => {
  test('lists the entry points the design promises', () => {
    expect(subpaths.map((s) => s.key)).toEqual(expect.arrayContaining(['.', './matchers', './setup']));
  });

  test('points at emitted files that exist', () => {
    const missing = subpaths
      .flatMap((s) => [s.import, s.types])
      .filter((p): p is string => p !== undefined && !existsSync(join(root, p)));
    expect(missing).toEqual([]);
  });

  test('imports by the package name in a plain Node process, with exactly the value exports its types declare', () => {
    const runtime = importInNode();
    const { diagnostics, valueExports } = userProject();
    expect(diagnostics).toEqual([]);
    for (const s of subpaths) {
      const r = runtime[s.specifier];
      expect(r?.error, `import('${s.specifier}') failed`).toBeUndefined();
      if (s.specifier.endsWith('.json')) continue;
      expect(r.keys, `${s.specifier} at run time vs its .d.ts`).toEqual(valueExports.get(s.specifier));
    }
    expect(runtime[`${pkg.name}/package.json`]?.keys).toEqual(['default']);
  });

  test('the engine entry exports its main functions and the matchers entry the matcher', () => {
    const runtime = importInNode();
    expect(runtime[pkg.name].keys).toEqual(expect.arrayContaining(['compareEvents', 'loadDataset', 'renderReport', 'assertReport']));
    expect(runtime[`${pkg.name}/matchers`].keys).toEqual(expect.arrayContaining(['toApproximatelyMatch', 'shadowMatchers']));
  });
});

describe('types of vitest-shadow/setup', () => {
  test('setup.d.ts references the augmentation, which declares module vitest', () => {
    const setupTypes = subpaths.find((s) => s.key === './setup')!.types!;
    const setupDts = readFileSync(join(root, setupTypes), 'utf8');
    expect(setupDts).toMatch(/from '\.\/augment\.js'/);
    const augmentDts = readFileSync(join(dirname(join(root, setupTypes)), 'augment.d.ts'), 'utf8');
    expect(augmentDts).toMatch(/declare module 'vitest'/);
    expect(augmentDts).toContain('toApproximatelyMatch(');
  });

  test('a consumer importing vitest-shadow/setup gets typed matchers on expect', () => {
    expect(userProject().diagnostics).toEqual([]);
  });

  test('without vitest-shadow/setup the matcher is unknown to TypeScript (the check above can fail)', () => {
    const { diagnostics } = compileConsumer(`import { expect } from 'vitest';
expect([]).toApproximatelyMatch([], { key: 'id' });
`);
    expect(diagnostics.join('\n')).toContain("Property 'toApproximatelyMatch' does not exist");
  });
});

describe('the engine entry (dist/src)', () => {
  const files = () => walk(join(dist, 'src'), (p) => p.endsWith('.js') || p.endsWith('.d.ts'));

  test('never imports vitest, nor the matchers', () => {
    const offending = files().flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(vitest|@vitest\/)/.test(spec) || (spec.startsWith('.') && resolve(dirname(file), spec).startsWith(join(dist, 'matchers'))))
        .map((spec) => `${relative(root, file)} imports '${spec}'`),
    );
    expect(files().length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });

  test('the scan sees a real vitest import (positive control: the built setup file has one)', () => {
    expect(importsOf(join(dist, 'matchers', 'setup.js'))).toContain('vitest');
    // ...and ignores imports shown in comments, which the engine's @example blocks contain.
    const commented = "/**\n * @example\n * import { expect } from 'vitest';\n */\nexport const x = 1;\n";
    expect(ts.preProcessFile(commented, true, true).importedFiles).toEqual([]);
  });
});

describe('the runtime dependencies install on every Node version the package claims', () => {
  test('each admits the lowest major of engines.node (npm otherwise warns EBADENGINE on install, and an engine-strict install fails)', () => {
    const claimed = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const lowest = Number(/^>=\s*(\d+)$/.exec(claimed)?.[1]);
    expect(lowest).toBeGreaterThanOrEqual(18);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; engines?: { node?: string } }> };
    const runtime = Object.entries(lock.packages).filter(([path, meta]) => path !== '' && !meta.dev);
    expect(runtime.length).toBeGreaterThan(5);
    // Every release of the lowest major (x.0.0 on) must satisfy the dependency's range.
    const refusing = runtime.filter(([, meta]) => meta.engines?.node !== undefined && !semver.subset(`>=${lowest}.0.0 <${lowest + 1}.0.0-0`, meta.engines.node)).map(([path, meta]) => `${path} needs node ${meta.engines!.node}`);
    expect(refusing).toEqual([]);
  });
});
