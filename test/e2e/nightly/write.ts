/**
 * Writes the nightly consumer project importing the package by name, for .ci/run's consumer
 * typecheck: `node --import tsx test/e2e/nightly/write.ts <dir>` (and the README's example in <dir>/readme).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_IMPORTS, writeProject, writeReadmeExample } from './project.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: write.ts <dir>');
const repo = fileURLToPath(new URL('../../../', import.meta.url));
writeProject(dir, PACKAGE_IMPORTS);
// the README's 30-second example, verbatim, in <dir>/readme (typechecked by .ci/run too)
writeReadmeExample(join(dir, 'readme'), readFileSync(join(repo, 'README.md'), 'utf8'), join(repo, 'fixtures', 'sample'));
