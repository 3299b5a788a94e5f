/**
 * Writes the nightly consumer project importing the package by name, for .ci/run's consumer
 * typecheck: `node --import tsx test/e2e/nightly/write.ts <dir>`.
 */
import { PACKAGE_IMPORTS, writeProject } from './project.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: write.ts <dir>');
writeProject(dir, PACKAGE_IMPORTS);
