/** Seeded exercises: reproducible, valid, and answered by the engine's own dma. */
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  initialState,
  parseScenarioValue,
  resolvePlatform,
  runScenario,
  runSteps,
} from '../../src/engine/index.ts';
import { checkGuess, exerciseScenario, makeExercise, parsePa } from '../../src/engine/report/exercises.ts';

describe('makeExercise', () => {
  it('the same seed gives the same question and answer', () => {
    const a = makeExercise(42);
    const b = makeExercise(42);
    expect(b.question).toBe(a.question);
    expect(b.answer).toEqual(a.answer);
    expect(b.steps).toEqual(a.steps);
    expect(a.question).toMatch(
      /^Translate IOVA 0x[0-9a-f]+ (without a PASID|for PASID \d+) on [0-9a-f]{2}:[0-9a-f]{2}\.[0-7] \(\w+\), a (read|write): which PA, or which fault\?$/,
    );
    expect(makeExercise(43).question).not.toBe(a.question);
  });

  it('50 seeds all build valid scenarios whose answer is what the dma gives', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) {
      const ex = makeExercise(seed);
      const scenario = parseScenarioValue(exerciseScenario(ex));
      expect(scenario.ok, `seed ${seed}`).toBe(true);
      if (!scenario.ok) continue;
      const run = runScenario(scenario.value);
      expect(run.failures, `seed ${seed}`).toEqual([]);
      expect(run.lines.every((l) => l.ok)).toBe(true);
      const replay = runSteps(initialState(resolvePlatform(undefined)), ex.steps);
      const dma = applyCommand(replay.state, ex.request);
      expect(dma.ok && dma.result).toEqual(ex.result);
      const outcome = dma.ok ? dma.result['outcome'] : null;
      expect(ex.answer.kind).toBe(outcome === 'translated' ? 'pa' : 'fault');
      kinds.add(ex.answer.kind === 'pa' ? 'pa' : ex.answer.fault);
      const devices = ex.steps.filter((s) => s.op === 'addDevice').length;
      const domains = ex.steps.filter((s) => s.op === 'allocDomain').length;
      expect(devices).toBeGreaterThanOrEqual(1);
      expect(devices).toBeLessThanOrEqual(2);
      expect(domains).toBeGreaterThanOrEqual(1);
      expect(domains).toBeLessThanOrEqual(3);
    }
    // A mix: translations and several kinds of fault.
    expect(kinds.has('pa')).toBe(true);
    expect(kinds.size).toBeGreaterThanOrEqual(3);
  });
});

describe('checkGuess', () => {
  const translated = Array.from({ length: 50 }, (_, i) => makeExercise(i)).find((e) => e.answer.kind === 'pa')!;
  const faulted = Array.from({ length: 50 }, (_, i) => makeExercise(i)).find((e) => e.answer.kind === 'fault')!;

  it('accepts the PA in any hex spelling and rejects another', () => {
    const pa = translated.answer.kind === 'pa' ? translated.answer.pa : '';
    expect(checkGuess(translated, { kind: 'pa', text: pa.toUpperCase().replace('0X', '0x') }).correct).toBe(true);
    expect(checkGuess(translated, { kind: 'pa', text: pa.slice(2) }).correct).toBe(true);
    expect(checkGuess(translated, { kind: 'pa', text: '0x1' })).toEqual({
      correct: false,
      expected: pa,
      problem: null,
    });
    expect(checkGuess(translated, { kind: 'fault', fault: 'not-mapped' }).correct).toBe(false);
    expect(checkGuess(translated, { kind: 'pa', text: 'zz' }).problem).toMatch(/not a hex address/);
  });

  it('checks fault names', () => {
    const fault = faulted.answer.kind === 'fault' ? faulted.answer.fault : '';
    expect(checkGuess(faulted, { kind: 'fault', fault }).correct).toBe(true);
    expect(checkGuess(faulted, { kind: 'pa', text: '0x1000' }).expected).toBe(fault);
  });

  it('parsePa', () => {
    expect(parsePa(' 0x4000_1000 ')).toBe(0x40001000n);
    expect(parsePa('')).toBeNull();
  });
});
