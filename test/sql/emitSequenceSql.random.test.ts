/** The seeded differential of the sequence SQL plan, 4 seeds x 4 windows and a composite entity (300 in emitSequenceSql.random.slow.test.ts); see _randomSequences.ts. */
import { differential } from './_randomSequences.js';

differential(Array.from({ length: 4 }, (_, i) => 1000 + i));
