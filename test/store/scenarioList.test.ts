import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../src/store/scenarios.ts';
import { builtinScenario, SCENARIO_CHOICES, SEED_FILE, SEED_SCENARIO } from '../../src/store/scenarioList.ts';

describe('the built-in scenario list (titles at once, steps when picked)', () => {
  it('names every built-in scenario with its title, in file order', () => {
    expect(SCENARIO_CHOICES).toEqual(BUILTIN_SCENARIOS.map(({ file, title }) => ({ file, title })));
  });

  it('loads each one, and the seed is three-wqs', async () => {
    for (const b of BUILTIN_SCENARIOS) expect(await builtinScenario(b.file)).toEqual(b.value);
    expect(await builtinScenario('nope.json')).toBeUndefined();
    expect(SEED_SCENARIO).toEqual(BUILTIN_SCENARIOS.find((b) => b.file === SEED_FILE)?.value);
  });
});
