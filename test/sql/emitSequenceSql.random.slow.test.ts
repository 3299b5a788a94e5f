/** The seeded differential of the sequence SQL plan at length: 300 seeds x 4 windows and a composite entity (npm run test:slow); see _randomSequences.ts. */
import { differential } from './_randomSequences.js';

differential(Array.from({ length: 300 }, (_, i) => 2000 + i));
