/**
 * The validator's shortcuts (cleanJson.ts before jsonScan, quickAccept.ts before zod) change no
 * outcome and no message: on random edits of valid files, parseScenarioText, parseScenarioValue and
 * parseStep answer exactly as the parser before them (test/engine/reference/parseReference.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, parseScenarioValue, parseStep } from '../../src/engine/index.ts';
import { fleetScenario } from '../../bench/fleetScenario.ts';
import * as reference from './reference/parseReference.ts';
import { BASES, mutatedText, mutatedValue } from '../helpers/mutatedScenarios.ts';

const RUNS = 400;

describe('the optimized validator answers as the reference parser', () => {
  it('on every valid file it starts from', () => {
    for (const base of BASES) {
      const text = JSON.stringify(base);
      expect(parseScenarioText(text)).toEqual(reference.parseScenarioText(text));
      expect(parseScenarioText(text).ok).toBe(true);
    }
    const fleet = fleetScenario(8);
    expect(parseScenarioText(fleet)).toEqual(reference.parseScenarioText(fleet));
  });

  it('on edited text (same outcome, same message)', () => {
    fc.assert(
      fc.property(mutatedText, (text) => {
        expect(parseScenarioText(text)).toEqual(reference.parseScenarioText(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('on edited values (Import and the UI, with no text)', () => {
    fc.assert(
      fc.property(mutatedValue, (value) => {
        expect(parseScenarioValue(value)).toEqual(reference.parseScenarioValue(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('on single steps (parseStep)', () => {
    const step = mutatedValue.map((v) => {
      const steps = (v as { steps?: unknown } | null)?.steps;
      return Array.isArray(steps) && steps.length > 0 ? (steps[0] as unknown) : v;
    });
    fc.assert(
      fc.property(step, (s) => {
        expect(parseStep(s)).toEqual(reference.parseStep(s));
      }),
      { numRuns: RUNS },
    );
  });

  it('on arbitrary JSON and arbitrary text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseScenarioText(text)).toEqual(reference.parseScenarioText(text));
        expect(parseScenarioValue(v)).toEqual(reference.parseScenarioValue(v));
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(parseScenarioText(text)).toEqual(reference.parseScenarioText(text));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    // Values only the UI can build: undefined fields, numbers text cannot hold, a shared sub-object.
    { format: 'pasid-atlas/scenario@1', steps: [{ op: 'detach', device: 'a', expect: undefined }] },
    { format: 'pasid-atlas/scenario@1', steps: [{ op: 'detach', device: undefined }] },
    { format: 'pasid-atlas/scenario@1', title: undefined, steps: [] },
    { format: 'pasid-atlas/scenario@1', steps: [{ op: 'useWq', device: 'a', wq: NaN }] },
    { format: 'pasid-atlas/scenario@1', steps: [{ op: 'useWq', device: 'a', wq: Infinity }] },
    { format: 'pasid-atlas/scenario@1', steps: [{ op: 'detach', device: 'a', expect: { result: { x: Infinity } } }] },
    { format: 'pasid-atlas/scenario@1', steps: [{ op: 'detach', device: 'a', expect: { result: new Map() } }] },
    {
      format: 'pasid-atlas/scenario@1',
      steps: [{ op: 'detach', device: 'a', expect: { result: Object.create(null) } }],
    },
    { format: 'pasid-atlas/scenario@1', steps: [{ op: 'detach', device: '😀'.repeat(150) }] },
    { format: 'pasid-atlas/scenario@1', steps: new Array(3) },
  ])('on a value the UI could build: %#', (value) => {
    expect(parseScenarioValue(value)).toEqual(reference.parseScenarioValue(value));
    expect(parseStep(value.steps[0])).toEqual(reference.parseStep(value.steps[0]));
  });
});
