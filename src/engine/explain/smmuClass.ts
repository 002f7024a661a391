/**
 * SMMUv3's CLASS field of a stage-2 fault record (arm-smmu-v3.h EVTQ_1_CLASS), on its own: a DMA's
 * result names it (ops/dma.ts) on the workbench's first paint, which does not carry smmuEvents.ts's
 * tables of events (iommu/faultTexts.ts says why).
 */
export const SMMU_CLASS = [
  'CD fetch',
  'Stage 1 translation table fetch',
  'Input address caused fault',
  'Reserved',
] as const;
