export { appendHistory } from './appendHistory.js';
export { readHistory } from './readHistory.js';
export type { ReadHistoryOptions } from './readHistory.js';
export { badPartitions } from './badPartitions.js';
export type { BadPartition } from './badPartitions.js';
export { safeName } from './safeName.js';
export { HISTORY_VERDICTS, HISTORY_VERSION } from './types.js';
export type { HistoryRecord, HistoryVerdict, HistoryProblem, PipelineMetrics } from './types.js';
