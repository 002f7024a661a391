/** Built-in scenarios (src/scenarios/*.json), picked up at build time so new files appear by themselves. */
const modules = import.meta.glob<{ default: unknown }>('../scenarios/*.json', { eager: true });

export interface BuiltinScenario {
  readonly file: string;
  readonly title: string;
  readonly value: unknown;
}

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = Object.entries(modules)
  .map(([path, mod]) => {
    const value = mod.default;
    const title = (value as { title?: unknown }).title;
    const file = path.replace(/^.*\//, '');
    return { file, title: typeof title === 'string' ? title : file, value };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

export const DEFAULT_SCENARIO_FILE = 'three-wqs.json';
