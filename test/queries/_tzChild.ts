/** Run by compareQueries.test.ts in a process of its own under TZ=America/New_York (a DuckDB instance takes the zone at its first use). */
import { compareQueries } from '../../src/queries/compareQueries.js';

const [legacy, shadow] = process.argv.slice(2);
const r = await compareQueries(legacy, shadow, [{ name: 'by day', sql: 'SELECT ts::DATE AS day, count(*) AS n FROM data GROUP BY ALL' }]);
process.stdout.write(JSON.stringify({ verdict: r.verdict, rows: r.queries[0].rows, tz: new Intl.DateTimeFormat().resolvedOptions().timeZone }));
