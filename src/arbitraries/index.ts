/**
 * vitest-shadow/arbitraries: fast-check generators of event data and faults, and property helpers
 * that prove a comparison configuration catches the faults a team fears and tolerates its noise.
 * fast-check is a peer dependency of this entry only. Lists the public API by name.
 */

// ── Events ───────────────────────────────────────────────────────────────────────────────
export { eventRecord } from './eventRecord.js';
export type { ShadowEvent, EventRecordConstraints } from './eventRecord.js';
export { eventStream } from './eventStream.js';
export type { EventStreamConstraints } from './eventStream.js';
export { eventSequence } from './eventSequence.js';
export type { EventSequenceConstraints } from './eventSequence.js';
export type { EventFieldsConstraints } from './eventFields.js';
export type { StreamShapeConstraints } from './streamShape.js';

// ── Faults ───────────────────────────────────────────────────────────────────────────────
export { perturbation, PERTURBATION_KINDS, HOSTILE_KINDS } from './perturbation.js';
export type { Perturbation, PerturbationKind, HostileKind, ResolvedPerturbation, PerturbationConstraints } from './perturbation.js';
export { hostileValue } from './hostileValue.js';
export type { HostileValue, HostileValueConstraints } from './hostileValue.js';
export { applyPerturbations } from './applyPerturbations.js';
export type { ApplyPerturbationsOptions, ShadowPair, Injected, InjectedChange, AppliedPerturbation } from './applyPerturbations.js';
export { shadowPair } from './shadowPair.js';
export type { ShadowPairConstraints } from './shadowPair.js';

// ── Property helpers over compareEvents ──────────────────────────────────────────────────
export { assertCatches, checkCatches } from './assertCatches.js';
export type { FaultPropertyDetails, FaultCounterexample, PerturbationSpec, PropertyParams } from './assertCatches.js';
export { assertTolerates, checkTolerates } from './assertTolerates.js';
export { probeTolerance } from './probeTolerance.js';
export type { ProbeToleranceOptions, ToleranceProbe } from './probeTolerance.js';
export { sensitivity, FAULT_CLASSES } from './sensitivity.js';
export type { SensitivityOptions, SensitivityCheck, SensitivityReport, SensitivityRow, FaultClass } from './sensitivity.js';
export { checkEquivalentTransforms, assertEquivalentTransforms } from './checkEquivalentTransforms.js';
export type { EquivalentTransformsParams, EquivalentTransformsDetails, TransformCounterexample } from './checkEquivalentTransforms.js';
export type { DeclaredTolerance } from './model.js';
