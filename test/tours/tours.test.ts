import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  initialState,
  parseScenarioValue,
  resolvePlatform,
  validCommand,
  type DmaResult,
  type EngineState,
} from '../../src/engine/index.ts';
import { topologyOf } from '../../src/engine/inspect/topology.ts';
import { parseTour, stepsThrough, tourScenario, TOURS } from '../../src/tours/index.ts';
import { createAppStore, currentState } from '../../src/store/createAppStore.ts';
import { asDma } from '../helpers/engine.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { showStop } from '../../src/tours/session.ts';

const EXPECTED = ['three-wqs', 'shared-gpa', 'anatomy', 'faults', 'iommufd'];

describe('tours', () => {
  it('all five tours load and validate', () => {
    expect(TOURS.map((t) => t.id)).toEqual(EXPECTED);
  });

  it('rejects a tour with a bad command or an unknown field', () => {
    const good = TOURS[0]!;
    expect(parseTour({ ...good, extra: 1 }).ok).toBe(false);
    const bad = { ...good, stops: [{ title: 't', text: 'x', commands: [{ op: 'nope' }] }] };
    expect(parseTour(bad)).toMatchObject({ ok: false });
  });

  describe.each(TOURS.map((t) => [t.id, t] as const))('%s', (_id, tour) => {
    it('every stop applies cleanly through applyCommand and its highlights name existing objects', () => {
      const parsed = parseScenarioValue(tourScenario(tour));
      if (!parsed.ok) throw new Error(parsed.message);
      let state: EngineState = initialState(resolvePlatform(tour.platform));
      let lastDma: DmaResult | null = null;
      let k = 0;
      tour.stops.forEach((stop, i) => {
        for (const _c of stop.commands) {
          const step = parsed.value.scenario.steps[k++]!;
          const { expect: _e, ...command } = step;
          const r = applyCommand(state, command);
          if (!r.ok) throw new Error(`stop ${i + 1} ${command.op}: ${r.error.code} ${r.error.message}`);
          state = r.state;
          if (command.op === 'dma') lastDma = asDma(r.result);
        }
        const topo = topologyOf(state);
        const nodes = new Set(topo.nodes.map((n) => n.id));
        const edges = new Set(topo.edges.map((e) => e.id));
        for (const n of stop.highlight.nodes) expect(nodes, `stop ${i + 1} node ${n}`).toContain(n);
        for (const e of stop.highlight.edges) expect(edges, `stop ${i + 1} edge ${e}`).toContain(e);
        for (const n of stop.highlight.frame ?? []) expect(nodes, `stop ${i + 1} frame ${n}`).toContain(n);
        if (stop.highlight.walk.length > 0) {
          expect(lastDma, `stop ${i + 1} highlights a walk but no DMA ran`).not.toBeNull();
          const structures = (lastDma?.walk ?? []).map((w) => w.structure);
          for (const w of stop.highlight.walk) expect(structures, `stop ${i + 1} walk ${w}`).toContain(w);
        }
        if (stop.kernelLog) expect(lastDma?.outcome, `stop ${i + 1} kernel log needs a fault`).toBe('fault');
        if (stop.select !== undefined) {
          const refs = new Set(topo.nodes.map((n) => n.ref));
          expect(refs, `stop ${i + 1} select ${stop.select}`).toContain(stop.select);
        }
      });
    });

    it('stepping through the app store forward and back lands on the same states', () => {
      const store = createAppStore();
      const states: unknown[] = [];
      tour.stops.forEach((_s, i) => {
        expect(showStop(store, tour, i)).toBe(true);
        expect(store.getState().cursor).toBe(stepsThrough(tour, i));
        expect(store.getState().lastError).toBeNull();
        states.push(fingerprint(currentState(store.getState())));
      });
      for (let i = tour.stops.length - 1; i >= 0; i--) {
        showStop(store, tour, i);
        expect(fingerprint(currentState(store.getState()))).toBe(states[i]);
      }
      // Every line of the loaded tour is ok: no step was refused.
      expect(store.getState().lines.every((l) => l.ok)).toBe(true);
    });
  });

  it('an edit during a tour makes the next stop reload the tour', () => {
    const tour = TOURS[0]!;
    const store = createAppStore();
    showStop(store, tour, 2);
    store.getState().apply(validCommand({ op: 'addDevice', id: 'x0', bdf: '0000:10:00.0', kind: 'pdev' }));
    showStop(store, tour, 3);
    expect(store.getState().cursor).toBe(stepsThrough(tour, 3));
    expect(store.getState().steps.some((s) => 'id' in s && s.id === 'x0')).toBe(false);
  });
});
