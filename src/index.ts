/**
 * vitest-shadow: the engine. Every comparison is `compareX(legacy, shadow, options) → Report`.
 * This file lists the public API by name; reviewing the API means reading this file.
 * No Vitest import anywhere below src/.
 */

// ── Reports ──────────────────────────────────────────────────────────────────────────────
export { REPORT_VERSION, verdictOf } from './report/types.js';
export type { Verdict, Reason, ReportBase, AnyReport, Scalar } from './report/types.js';
export { renderReport } from './report/renderReport.js';
export type { RenderOptions } from './report/renderReport.js';
export { assertReport, ShadowAssertionError } from './report/assertReport.js';
export { plainColors, ansiColors } from './report/format.js';
export type { Colors } from './report/format.js';
export { ShadowOptionError, ShadowDataError } from './errors.js';

// ── Datasets ─────────────────────────────────────────────────────────────────────────────
export { loadDataset } from './dataset/loadDataset.js';
export type { LoadDatasetOptions, ColumnType } from './dataset/loadDataset.js';
export { PreciseDate } from './dataset/preciseDate.js';
export { toRows } from './dataset/toRows.js';
export type { Row, DatasetInput, TableLike } from './dataset/toRows.js';

// ── Event tier ───────────────────────────────────────────────────────────────────────────
export { compareEvents } from './events/compareEvents.js';
export type {
  CompareEventsOptions,
  EventReport,
  EventCounts,
  FieldReport,
  MismatchGroup,
  KeySpec,
  ValueType as FieldValueType,
} from './events/compareEvents.js';
export { compileFieldRule } from './tolerance/compileFieldRule.js';
export type { FieldRule, FieldRuleObject, CompiledFieldRule, Normalizer } from './tolerance/compileFieldRule.js';
export { parseDuration } from './tolerance/parseDuration.js';

// ── Sequence tier ────────────────────────────────────────────────────────────────────────
export { compareSequences } from './sequences/compareSequences.js';
export type {
  CompareSequencesOptions,
  SequenceThresholds,
  SequenceWindow,
  OrderBySpec,
  TieRule,
  DedupRule,
  SequenceReport,
  SequenceCounts,
  SequenceMetrics,
  SequenceClassReport,
  SequenceDiffClass,
  SequenceExample,
  DivergenceBucket,
  WindowDrops,
} from './sequences/compareSequences.js';
export { compareTiers } from './tiers/compareTiers.js';
export type { CompareTiersOptions, TierInput, TierReport, TierDisagreement } from './tiers/compareTiers.js';

// ── Statistics ───────────────────────────────────────────────────────────────────────────
// Hypothesis tests and distributions (part A)
export { ALTERNATIVES } from './stats/testResult.js';
export type { Alternative, ConfidenceInterval, TestResult, TTestResult } from './stats/testResult.js';
export { studentTTest } from './stats/studentTTest.js';
export type { StudentTTestOptions } from './stats/studentTTest.js';
export { welchTTest } from './stats/welchTTest.js';
export type { WelchTTestOptions } from './stats/welchTTest.js';
export { pairedTTest } from './stats/pairedTTest.js';
export type { PairedTTestOptions } from './stats/pairedTTest.js';
export { oneSampleTTest } from './stats/oneSampleTTest.js';
export type { OneSampleTTestOptions } from './stats/oneSampleTTest.js';
export { mannWhitneyU } from './stats/mannWhitneyU.js';
export type { MannWhitneyUOptions, MannWhitneyUResult } from './stats/mannWhitneyU.js';
export { wilcoxonSignedRank } from './stats/wilcoxonSignedRank.js';
export type { WilcoxonSignedRankOptions, WilcoxonSignedRankResult } from './stats/wilcoxonSignedRank.js';
export { ksTwoSample } from './stats/ksTwoSample.js';
export type { KsTwoSampleOptions, KsTwoSampleResult } from './stats/ksTwoSample.js';
export { andersonDarlingKSample } from './stats/andersonDarlingKSample.js';
export type { AndersonDarlingKSampleOptions, AndersonDarlingKSampleResult } from './stats/andersonDarlingKSample.js';
export { cramerVonMisesTwoSample } from './stats/cramerVonMisesTwoSample.js';
export type { CramerVonMisesTwoSampleOptions, CramerVonMisesTwoSampleResult } from './stats/cramerVonMisesTwoSample.js';
export { chiSquareTest } from './stats/chiSquareTest.js';
export type { ChiSquareTestOptions, ChiSquareTestResult } from './stats/chiSquareTest.js';
export { fisherExact2x2 } from './stats/fisherExact2x2.js';
export type { FisherExact2x2Options, FisherExact2x2Result } from './stats/fisherExact2x2.js';
export { binomialTest } from './stats/binomialTest.js';
export type { BinomialTestOptions, BinomialTestResult } from './stats/binomialTest.js';
export { mcnemar } from './stats/mcnemar.js';
export type { McnemarOptions, McnemarResult } from './stats/mcnemar.js';
export { kendallTauB } from './stats/kendallTauB.js';
export type { KendallTauBOptions, KendallTauBResult } from './stats/kendallTauB.js';
export { spearman } from './stats/spearman.js';
export type { SpearmanOptions, SpearmanResult } from './stats/spearman.js';
export { normalCdf, normalSf, normalPpf, normalIsf, normalPdf } from './stats/distributions/normal.js';
export { tCdf, tSf, tPpf, tIsf, tPdf } from './stats/distributions/studentT.js';
export { chiSquareCdf, chiSquareSf, chiSquarePpf, chiSquareIsf } from './stats/distributions/chiSquare.js';
export { fCdf, fSf, fPpf, fIsf } from './stats/distributions/fDist.js';
export { betaCdf, betaSf, betaPpf, betaIsf } from './stats/distributions/beta.js';
export { binomialPmf, binomialCdf, binomialSf, binomialPpf } from './stats/distributions/binomial.js';
export { hypergeometricPmf, hypergeometricCdf, hypergeometricSf } from './stats/distributions/hypergeometric.js';
export {
  kolmogorovSf,
  kolmogorovCdf,
  kolmogorovNSf,
  kolmogorovNCdf,
  smirnovSf,
  ksTwoSampleExactSf,
  ksTwoSampleAsymptoticSf,
} from './stats/distributions/kolmogorov.js';
export type { KsAlternative, KsExactResult } from './stats/distributions/kolmogorov.js';
// Model outputs: equivalence, distances, AUC, bootstrap, multiple testing (part B)
export { tostPaired } from './stats/tostPaired.js';
export type { TostPairedOptions, TostPairedResult } from './stats/tostPaired.js';
export { tostWelch } from './stats/tostWelch.js';
export type { TostWelchOptions, TostWelchResult } from './stats/tostWelch.js';
export type { TostCore, EquivalenceBounds } from './stats/tostCore.js';
export { nonInferiorityProportions } from './stats/nonInferiorityProportions.js';
export type {
  NonInferiorityProportionsOptions,
  NonInferiorityProportionsResult,
  ProportionArm,
} from './stats/nonInferiorityProportions.js';
export { ksDistance } from './stats/ksDistance.js';
export type { KsDistanceOptions, KsDistanceResult } from './stats/ksDistance.js';
export { wasserstein1 } from './stats/wasserstein1.js';
export type { Wasserstein1Options, Wasserstein1Result } from './stats/wasserstein1.js';
export { energyDistance } from './stats/energyDistance.js';
export type { EnergyDistanceOptions, EnergyDistanceResult } from './stats/energyDistance.js';
export type { DistanceBootstrapOptions, DistanceInterval } from './stats/distanceBootstrap.js';
export { jensenShannon } from './stats/jensenShannon.js';
export type { JensenShannonOptions } from './stats/jensenShannon.js';
export { hellinger } from './stats/hellinger.js';
export { binOnReference } from './stats/binOnReference.js';
export type { BinOnReferenceOptions, BinnedSamples } from './stats/binOnReference.js';
export { psi, psiFromCounts } from './stats/psi.js';
export type { PsiOptions, PsiResult, PsiBin } from './stats/psi.js';
export { cohensD } from './stats/cohensD.js';
export type { CohensDOptions, CohensDResult } from './stats/cohensD.js';
export { aucDeLong } from './stats/aucDeLong.js';
export type { AucDeLongOptions, AucDeLongResult } from './stats/aucDeLong.js';
export { delongTest } from './stats/delongTest.js';
export type { DelongTestOptions, DelongTestResult } from './stats/delongTest.js';
export { bootstrapCi } from './stats/bootstrapCi.js';
export type { BootstrapCiOptions, BootstrapCiResult } from './stats/bootstrapCi.js';
export { adjustPValues } from './stats/adjustPValues.js';
export type { PAdjustMethod } from './stats/adjustPValues.js';
export { minimumDetectableMargin } from './stats/minimumDetectableMargin.js';
export type {
  MinimumDetectableMarginOptions,
  MinimumDetectableMarginResult,
  MarginDesign,
} from './stats/minimumDetectableMargin.js';
export type { NumericSample } from './stats/checkSample.js';
// Model-output checks (Reports: 'equivalence', 'distribution', 'auc', 'agreement')
export { compareEquivalence } from './outputs/compareEquivalence.js';
export type { CompareEquivalenceOptions, EquivalenceReport } from './outputs/compareEquivalence.js';
export { compareDistribution, ksPassableAt } from './outputs/compareDistribution.js';
export type {
  CompareDistributionOptions,
  DistributionReport,
  DistributionMetric,
  DistributionMetricResult,
  SampleSummary,
} from './outputs/compareDistribution.js';
export { compareAuc } from './outputs/compareAuc.js';
export type { CompareAucOptions, AucReport, AucLabels } from './outputs/compareAuc.js';
export { compareAgreement } from './outputs/compareAgreement.js';
export type { CompareAgreementOptions, AgreementReport, AgreementMcnemar, Prediction } from './outputs/compareAgreement.js';
export type { ValuesInput, RowValueOptions, Pairing } from './outputs/statsInputs.js';
export type { FamilyOption, FamilyRecord } from './outputs/family.js';

// ── Nightly history and cutover gate (issue 13) ─────────────────────────────────────────
export { appendHistory } from './history/appendHistory.js';
export { readHistory } from './history/readHistory.js';
export type { ReadHistoryOptions } from './history/readHistory.js';
export { badPartitions } from './history/badPartitions.js';
export type { BadPartition } from './history/badPartitions.js';
export { safeName } from './history/safeName.js';
export { HISTORY_VERDICTS, HISTORY_VERSION } from './history/types.js';
export type { HistoryRecord, HistoryVerdict, HistoryProblem, PipelineMetrics } from './history/types.js';
export { hybridEvents } from './sequences/hybrid.js';
export type { HybridOption, HybridSummary } from './sequences/hybrid.js';
export { STAGES, SIDES_AT, KNOWN_TIERS, REGRESSION_METRICS } from './gate/types.js';
export type { Stage, Side, Tier, KnownDifference, StageCriteria, Consumer, EventTypeEntry, CutoverManifest } from './gate/types.js';
export { manifestProblems, parseManifest } from './gate/validateManifest.js';
export { resolveCriteria } from './gate/resolveCriteria.js';
export { evaluateCriteria } from './gate/evaluateCriteria.js';
export type { CriteriaEvaluation, CriterionResult, RunSummary, EvaluateCriteriaOptions } from './gate/evaluateCriteria.js';
export { decideGate } from './gate/decideGate.js';
export type { GateDecision, GateItem, GateChangeKind } from './gate/decideGate.js';
export { renderGateMarkdown } from './gate/renderGateMarkdown.js';
export { cutoverStatus } from './gate/cutoverStatus.js';
export type { CutoverStatus, EventTypeStatus } from './gate/cutoverStatus.js';
export { recommendCutover } from './gate/recommendCutover.js';
export type { CutoverRecommendations, Recommendation, ManifestPatchOp } from './gate/recommendCutover.js';
export { runCli } from './cli/runCli.js';
export type { CliIo, Command, CommandArgs } from './cli/command.js';

// ── Grouped checks: `by` on every tier (issue 12) ────────────────────────────────────────
export { compareByGroup } from './groups/compareByGroup.js';
export type { GroupAdapter } from './groups/compareByGroup.js';
export { keyFigures } from './groups/keyFigures.js';
export type { GroupBy, GroupOptions, GroupOverride, GroupedReport, GroupResult, GroupUnmatched, GroupSegment } from './groups/types.js';

// ── Dataset profiles, bytes, noise, known differences (issue 14) ─────────────────────────
export { profile } from './profiles/profile.js';
export { profileAccumulator } from './profiles/profileAccumulator.js';
export type { ProfileAccumulator } from './profiles/profileAccumulator.js';
export { mergeProfiles } from './profiles/mergeProfiles.js';
export { PROFILE_VERSION } from './profiles/types.js';
export type { DatasetProfile, ColumnProfile, ColumnState, NonFiniteKinds, NumericSummary, CategorySummary, ProfileOptions, ValueType } from './profiles/types.js';
export { compareProfile } from './profiles/compareProfile.js';
export type { CompareProfileOptions, ProfileReport, ProfileCheck, ProfileCheckName, ProfileColumnComparison, ProfileInput } from './profiles/compareProfile.js';
export { compareBytes } from './bytes/compareBytes.js';
export type { CompareBytesOptions, BytesReport, BytesDifference } from './bytes/compareBytes.js';
export { compileNormalization, NORMALIZATION_VERSION } from './bytes/normalization.js';
export type { NormalizeSpec, Normalization, CompiledNormalization } from './bytes/normalization.js';
export { calibrateNoise } from './noise/calibrateNoise.js';
export type { CalibrateNoiseOptions } from './noise/calibrateNoise.js';
export { excessOverNoise } from './noise/excessOverNoise.js';
export type { ExcessOverNoiseOptions, ObservedMismatches } from './noise/excessOverNoise.js';
export type { NoiseCalibration, NoiseJudgement, FieldNoise } from './noise/types.js';
export type { EventAdjustmentOptions, EventAdjustmentReport } from './noise/adjustEventEvidence.js';
export { applyLedger } from './ledger/applyLedger.js';
export type { LedgerInput, LedgerMismatch, LedgerOutcome } from './ledger/applyLedger.js';
export { validateLedger } from './ledger/validateLedger.js';
export { checkLedgerShrank } from './ledger/checkLedgerShrank.js';
export type { LedgerChangeReport } from './ledger/checkLedgerShrank.js';
export { LEDGER_VERSION } from './ledger/types.js';
export type { Ledger, LedgerEntry, LedgerPredicate, LedgerCondition, LedgerOp, KnownDifferences, KnownDifferenceEntry } from './ledger/types.js';

// ── Scale and real readers: consumer queries (issue 15) ─────────────────────────────────
export { compareQueries } from './queries/compareQueries.js';
export type { CompareQueriesOptions, ConsumerQuery, QueryReport, QueryResult } from './queries/compareQueries.js';
export { renderQueryReport } from './queries/renderQueryReport.js';
export { emitComparisonSql } from './sql/emitComparisonSql.js';
export type { ComparisonSql, EmitSqlOptions, SqlComparison, SqlDialect } from './sql/emitComparisonSql.js';
export { reportFromSqlCounts } from './sql/reportFromSqlCounts.js';
export type { SqlCountsReport, SqlCountsThresholds } from './sql/reportFromSqlCounts.js';
// ── The SQL emitter for sequence comparisons (issue 15) ──
export { emitSequenceSql } from './sql/emitSequenceSql.js';
export type { NotComputedInSql, SequenceSql, SqlSequenceComparison } from './sql/emitSequenceSql.js';
export { reportFromSqlSequenceCounts } from './sql/reportFromSqlSequenceCounts.js';
export type { SqlSequenceMetrics, SqlSequenceReport, SqlSequenceThresholds } from './sql/reportFromSqlSequenceCounts.js';
export { compareParquetFeatures, PARQUET_FEATURE_DEFAULTS } from './parquet/compareParquetFeatures.js';
export type {
  CompareParquetFeaturesOptions, FeatureDifference, FeatureSeverity, FileFeatureSummary, ParquetFeatureCode, ParquetFeatureReport,
} from './parquet/compareParquetFeatures.js';
