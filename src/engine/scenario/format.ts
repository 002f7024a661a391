/** The scenario file format's name (MODEL.md), apart from the schemas so that reading it needs no zod. */
export const SCENARIO_FORMAT = 'pasid-atlas/scenario@1';
