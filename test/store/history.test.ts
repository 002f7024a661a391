import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  dmaResultOf,
  initialState,
  parseStep,
  resolvePlatform,
  type Command,
  type EngineState,
  type Step,
} from '../../src/engine/index.ts';
import { buildHistory, emptyHistory, moveCursor, pushState, stateAt, type History } from '../../src/store/history.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { RUNS, SEED, SETUP, storeCommand } from '../helpers/storeCommands.ts';

const start = () => initialState(resolvePlatform({ hostMemory: '1GiB' }));
const toStep = (c: Command): Step => {
  const r = parseStep(c);
  if (!r.ok) throw new Error(r.message);
  return r.step;
};

/** Every state by full replay from the start (the reference the checkpoints must agree with). */
function replayAll(initial: EngineState, steps: readonly Step[]): string[] {
  const out = [fingerprint(initial)];
  let s = initial;
  for (const step of steps) {
    const { expect: _e, ...c } = step;
    s = applyCommand(s, c).state;
    out.push(fingerprint(s));
  }
  return out;
}

describe('history: checkpoints plus the cursor', () => {
  it('keeps one checkpoint per interval, not one state per step', () => {
    const steps = [
      ...SETUP,
      ...Array.from({ length: 40 }, (_, i): Command => ({
        op: 'dma',
        device: 'nic0',
        iova: `0x${(0x1000 * i).toString(16)}`,
        access: 'read',
      })),
    ].map(toStep);
    const built = buildHistory(start(), steps, steps.length, undefined, 8)!;
    expect(built.history.checkpoints).toHaveLength(Math.floor(steps.length / 8) + 1);
    expect(built.lines).toHaveLength(steps.length);
    expect(built.history.cursor).toBe(steps.length);
  });

  it('buildHistory stops when the progress callback says so', () => {
    const steps = Array.from({ length: 600 }, () => toStep({ op: 'dma', device: 'nope', iova: '0x0', access: 'read' }));
    const seen: number[] = [];
    expect(buildHistory(start(), steps, 0, (n) => (seen.push(n), n < 300))).toBeNull();
    expect(seen).toEqual([256, 512]);
  });

  it('refuses a step index outside the log', () => {
    const h = emptyHistory(start());
    expect(() => stateAt(h, [], 1)).toThrow(RangeError);
  });

  it('stateAt(i) equals a full replay, whatever the moves, pushes and interval', () => {
    const moved = { go: 0, push: 0 };
    fc.assert(
      fc.property(
        fc.array(storeCommand, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('go' as const), to: fc.nat() }),
            fc.record({ kind: fc.constant('push' as const), cmd: storeCommand }),
          ),
          { maxLength: 12 },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (cmds, interval, moves, probes) => {
          const initial = start();
          let steps = [...SETUP, ...cmds].map(toStep);
          let h: History = buildHistory(initial, steps, steps.length, undefined, interval)!.history;
          for (const m of moves) {
            moved[m.kind]++;
            if (m.kind === 'go') h = moveCursor(h, steps, m.to % (steps.length + 1));
            else {
              const step = toStep(m.cmd);
              const { expect: _e, ...c } = step;
              steps = [...steps.slice(0, h.cursor), step];
              h = pushState(h, applyCommand(h.cursorState, c).state);
            }
          }
          expect(h.length).toBe(steps.length);
          const ref = replayAll(initial, steps);
          expect(fingerprint(h.cursorState)).toBe(ref[h.cursor]);
          for (const p of probes) {
            const i = p % (steps.length + 1);
            expect(fingerprint(stateAt(h, steps, i)), `step ${i}`).toBe(ref[i]);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // The property reached its cases: cursor moves and pushes that cut a redo tail.
    expect(moved.go).toBeGreaterThan(0);
    expect(moved.push).toBeGreaterThan(0);
  });
});

describe('lines without walks', () => {
  it('the store keeps no DMA walk in its lines, yet the DMA shown has its full walk at every cursor', async () => {
    const { readFileSync } = await import('node:fs');
    const { createAppStore } = await import('../../src/store/createAppStore.ts');
    const { runSteps, parseScenarioText } = await import('../../src/engine/index.ts');
    const text = readFileSync(new URL('../../src/scenarios/three-wqs.json', import.meta.url), 'utf8');
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const full = runSteps(initialState(parsed.value.platform), parsed.value.scenario.steps);
    const store = createAppStore();
    store.getState().loadScenario(text);
    expect(store.getState().lines.some((l) => l.ok && 'walk' in l.result)).toBe(false);
    for (let c = store.getState().steps.length; c >= 0; c--) {
      store.getState().goTo(c);
      let j = c - 1;
      while (j >= 0 && !(parsed.value.scenario.steps[j]!.op === 'dma' && full.lines[j]!.ok)) j--;
      expect(store.getState().lastDma?.result ?? null, `cursor ${c}`).toEqual(
        j < 0 ? null : dmaResultOf(full.lines[j]!),
      );
    }
  });
});
