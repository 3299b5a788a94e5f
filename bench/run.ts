/**
 * `npm run bench`: runs every benchmark case and prints its figures (median wall time over
 * the runs, throughput, memory). Figures are measurements, never assertions.
 *
 *   npm run bench               all cases
 *   npm run bench -- events     only cases whose name contains "events"
 */
import os from 'node:os';
import type { BenchCase } from './_lib.js';
import { runCase } from './_lib.js';
import { eventsCases } from './events.js';
import { filesCases } from './files.js';
import { statsCases } from './stats.js';
import { sequencesCases } from './sequences.js';
import { statsModelsCases } from './statsModels.js';
import { arbitrariesCases } from './arbitraries.js';
import { loadDatasetCases } from './loadDataset.js';
import { scaleCases } from './scale.js';
import { profilesCases } from './profiles.js';
import { bytesCases } from './bytes.js';
import { gateCases } from './gate.js';
import { sqlSequencesCases } from './sqlSequences.js';

const cases: BenchCase[] = [
  ...eventsCases,
  ...filesCases,
  ...statsCases,
  ...sequencesCases,
  ...statsModelsCases,
  ...profilesCases,
  ...bytesCases,
  ...gateCases,
  ...loadDatasetCases,
  ...scaleCases,
  ...sqlSequencesCases,
  // Each tier adds its cases here.
  ...arbitrariesCases,
];

const filter = process.argv[2];
console.log(`vitest-shadow bench · node ${process.version} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? ''}`);
for (const c of cases) {
  if (filter && !c.name.includes(filter)) continue;
  await runCase(c);
}
