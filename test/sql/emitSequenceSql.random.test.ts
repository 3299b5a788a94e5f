/** The seeded differential of the sequence SQL plan, 12 seeds x 4 windows (300 in emitSequenceSql.random.slow.test.ts); see _randomSequences.ts. */
import { differential } from './_randomSequences.js';

differential(Array.from({ length: 12 }, (_, i) => 1000 + i));
