// Child process for the concurrency test: appends `batches` batches of `size` records tagged with `writer`.
import { appendHistory } from '../../src/history/appendHistory.js';

const [dir, writer, batches, size] = process.argv.slice(2);
for (let b = 0; b < Number(batches); b++) {
  const records = Array.from({ length: Number(size) }, (_, i) => ({
    version: 1 as const,
    runId: `${writer}-${b}`,
    timestamp: new Date(Date.UTC(2026, 11, 1, 0, 0, b)).toISOString(),
    eventType: 'search',
    tier: 'events',
    test: `writer ${writer} batch ${b} record ${i} ${'x'.repeat(200)}`,
    verdict: 'pass' as const,
    reasons: [],
    figures: { writer: Number(writer), batch: b, index: i },
  }));
  await appendHistory(dir, records);
}
