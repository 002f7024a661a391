/**
 * PASID Atlas model engine. Pure and deterministic: no DOM, no clock, no randomness.
 *
 * This module is the engine's entry point for commands, state and the scenario runner. The rest of src/ may also
 * import the read-side modules (inspect/, explain/, report/, debugfs/, scenario/) and workload.ts (the comparison
 * worker's own small entry); everything else in the engine is internal. eslint.config.js (ENGINE_PUBLIC) enforces
 * this; tests may reach internals.
 */
export { EntryCaches } from './caches.ts';
export { applyCommand, OPS, type Applied, type CommandResult, type OpTable, type ResultOf } from './commands.ts';
export type { LowLevelStep } from './draft.ts';
export { Ownership } from './cow.ts';
export { EngineError, type Errno, type EngineErrorInfo } from './errors.ts';
export { FrameMap } from './frames.ts';
export { formatSize, hex, parseSize, wordsToHex, PAGE_SIZE } from './hex.ts';
export { Iotlb, type IotlbEntry } from './iotlb.ts';
export { ramOwner, type PhysMemory, type RamRegion } from './memory.ts';
export type {
  AuxAttachment,
  DeferredFlush,
  Device,
  Domain,
  DomainType,
  EngineState,
  FaultRecord,
  GuestTable,
  HwptInfo,
  Invalidation,
  Ioas,
  Ioasid,
  Mapping,
  Mdev,
  PasidAttachment,
  Platform,
  Process,
  Stage1,
  Vm,
  WqUse,
} from './model.ts';
export { formatWalk, modelStep, type ModelWalkStep, type StepDecision, type WalkStep } from './iommu/steps.ts';
export type {
  CacheReport,
  DmaFault,
  DmaRecordedFault,
  DmaResult,
  DmaSilentFault,
  DmaTranslated,
  Hazard,
} from './ops/dma.ts';
export { gpaIoasidOf } from './ops/assign.ts';
// SMMUv3 command names for the Invalidations tab (until the IOMMU descriptor's describe record carries them).
export { SMMU_COMMANDS, smmuCommandOf, type SmmuCommand } from './smmu/commands.ts';
export { DEFAULT_PLATFORM, initialState, resolvePlatform } from './state.ts';
export {
  checkExpectation,
  dmaResultOf,
  partialMatch,
  type OkLine,
  type RefusedLine,
  type StepLine,
} from './scenario/expect.ts';
export {
  validCommand,
  validateCommand,
  type InvalidCommand,
  type ValidCommand,
  type Validated,
} from './scenario/validCommand.ts';
export { FIELD_MESSAGES } from './scenario/fields.ts';
export {
  formatPath,
  parseScenarioText,
  parseScenarioValue,
  parseStep,
  type ParseOutcome,
  type ParsedScenario,
} from './scenario/parse.ts';
export {
  applyStep,
  commandOf,
  lineOf,
  runScenario,
  runSteps,
  runStepsStreaming,
  stepThrough,
  type ScenarioRun,
  type SteppedLine,
  type StreamedRun,
} from './scenario/run.ts';
export {
  FAULT_NAMES,
  OP_NAMES,
  OP_SCHEMAS,
  SCENARIO_FORMAT,
  type Command,
  type CommandOf,
  type Expectation,
  type FaultName,
  type OpName,
  type Scenario,
  type Step,
} from './scenario/schema.ts';
export { Decision, Outcome, Structure, TranslateResult, WalkTrace, type DmaRequest } from './iommu/walk.ts';
export { translate } from './vtd/translate.ts';
export { Reason } from './vtd/reasons.ts';
export { DESCRIBE, IOMMU_KINDS, describeOf, describePlatform } from './iommu/registry.ts';
export { faultTextOf } from './iommu/faultTexts.ts';
export { ridBdf } from './iommu/faultEvent.ts';
export { splitBits, type BitField, type IommuDescribe, type StructureText } from './iommu/describe.ts';
export type { IommuKind } from './iommu/types.ts';
export {
  compareDesigns,
  runWorkload,
  seededRandom,
  type DesignRow,
  type WorkloadSpec,
  type WorkloadStats,
} from './workload.ts';
