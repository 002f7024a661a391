/**
 * The built-in scenarios as the workbench offers them: titles at once, each scenario's steps only
 * when it is picked (its own small chunk), and the seed (three-wqs) bundled, since it is the first
 * document of a first visit (issue 11: the workbench's first paint ≤ 180 KiB gzip). Compare, which
 * runs any of them at once, reads them all from scenarios.ts.
 */
import titles from 'virtual:scenario-titles';
import seed from '../scenarios/three-wqs.json';

/** The seed: what a first visit opens. */
export const SEED_FILE = 'three-wqs.json';
export const SEED_SCENARIO: unknown = seed;

const bodies = import.meta.glob<unknown>('../scenarios/*.json', { import: 'default' });

export interface ScenarioChoice {
  readonly file: string;
  readonly title: string;
}

const fileOf = (path: string) => path.replace(/^.*\//, '');

/** Every built-in scenario by file name, with its title (read at build time: vite.config.ts). */
export const SCENARIO_CHOICES: readonly ScenarioChoice[] = titles;

/** A built-in scenario's value (undefined for an unknown file). */
export async function builtinScenario(file: string): Promise<unknown> {
  if (file === SEED_FILE) return SEED_SCENARIO;
  const load = Object.entries(bodies).find(([path]) => fileOf(path) === file)?.[1];
  return load === undefined ? undefined : load();
}
