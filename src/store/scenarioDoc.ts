/** The scenario document the store edits: title, platform input and the op log (pasid-atlas/scenario@1). */
import { SCENARIO_FORMAT, type Scenario, type Step } from '../engine/index.ts';

export type PlatformInput = NonNullable<Scenario['platform']>;

export interface ScenarioDoc {
  readonly title: string;
  readonly platform: PlatformInput | undefined;
  readonly steps: readonly Step[];
}

/** The scenario JSON object for a document (steps as given: the caller slices to the cursor). */
export function toScenario(doc: ScenarioDoc): Scenario {
  const s: Scenario = { format: SCENARIO_FORMAT, title: doc.title, steps: [...doc.steps] };
  if (doc.platform !== undefined) s.platform = doc.platform;
  return s;
}

export function toScenarioText(doc: ScenarioDoc): string {
  return JSON.stringify(toScenario(doc), null, 2);
}
