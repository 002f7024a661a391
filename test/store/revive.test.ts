import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  initialState,
  parseScenarioText,
  type Command,
  type EngineState,
} from '../../src/engine/index.ts';
import { buildHistory } from '../../src/store/history.ts';
import { reviveState, STATE_CLASSES } from '../../src/store/load/revive.ts';
import { fingerprint } from '../helpers/fingerprint.ts';

const dir = new URL('../../src/scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const PLAIN = new Set<unknown>([
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  null,
  Uint8Array.prototype,
  Uint32Array.prototype,
  Float64Array.prototype,
  Int32Array.prototype,
]);
const ALLOWED = new Set<unknown>([...PLAIN, ...STATE_CLASSES.map((c) => c.prototype)]);

/** Every prototype reachable from a state (the classes a structured clone would lose). */
function prototypes(root: unknown): Set<unknown> {
  const seen = new Set<unknown>();
  const protos = new Set<unknown>();
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    protos.add(Object.getPrototypeOf(v));
    if (ArrayBuffer.isView(v)) return;
    if (v instanceof Map)
      for (const [k, x] of v) {
        walk(k);
        walk(x);
      }
    else if (v instanceof Set) for (const x of v) walk(x);
    else for (const x of Object.values(v)) walk(x);
  };
  walk(root);
  return protos;
}

describe.each(files)('a state crossing from the loader worker (%s)', (file) => {
  const parsed = parseScenarioText(readFileSync(new URL(file, dir), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const { scenario, platform } = parsed.value;
  const built = buildHistory(initialState(platform), scenario.steps, scenario.steps.length, undefined, 4)!;
  const state: EngineState = built.history.cursorState;

  it('holds no class besides the ones reviveState knows', () => {
    const unknown = [...prototypes(state)]
      .filter((p) => !ALLOWED.has(p))
      .map((p) => (p as { constructor?: { name?: string } }).constructor?.name);
    expect(unknown).toEqual([]);
  });

  it('is the same state after structuredClone and reviveState, and takes further commands alike', () => {
    const copy = reviveState(structuredClone(built).history.cursorState);
    expect(fingerprint(copy)).toBe(fingerprint(state));
    const more: Command[] = [
      { op: 'addDevice', id: 'extra0', bdf: '0000:7f:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'extraD', type: 'DMA' },
      { op: 'attach', domain: 'extraD', device: 'extra0' },
      { op: 'map', domain: 'extraD', iova: '0x1000', pa: '0x2000', size: '4KiB', prot: 'rw' },
      { op: 'dma', device: 'extra0', iova: '0x1000', access: 'read' },
      { op: 'dma', device: 'extra0', iova: '0x1000', access: 'read' },
    ];
    let a = state;
    let b = copy;
    for (const c of more) {
      const ra = applyCommand(a, c);
      const rb = applyCommand(b, c);
      expect(rb.ok).toBe(ra.ok);
      expect(rb.ok ? rb.result : rb.error).toEqual(ra.ok ? ra.result : ra.error);
      a = ra.state;
      b = rb.state;
    }
    expect(fingerprint(b)).toBe(fingerprint(a));
  });
});
