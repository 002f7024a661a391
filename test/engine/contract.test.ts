/** The typed engine-to-view contract (issue 13): op results, DMA and line unions, validated commands. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  applyCommand,
  dmaResultOf,
  validateCommand,
  lineOf,
  type DmaRecordedFault,
  type DmaResult,
  type DmaTranslated,
  type ResultOf,
  type StepLine,
  type ValidCommand,
  type WalkStep,
} from '../../src/engine/index.ts';
import { modelLine } from '../../src/engine/scenario/modelLine.ts';
import { modelResult, type ModelResultOf } from '../../src/engine/scenario/modelResult.ts';
import { build, machine } from '../helpers/engine.ts';

describe('the typed contract', () => {
  it('each op answers its own result type', () => {
    expectTypeOf<ResultOf<'dma'>>().toEqualTypeOf<DmaResult>();
    // Typed values: a requester id is a number, addresses are bigints; hex only in the printed form.
    expectTypeOf<ResultOf<'addDevice'>>().toEqualTypeOf<{ rid: number }>();
    expectTypeOf<ResultOf<'createVm'>>().toEqualTypeOf<{ gpaSize: number; hpa: bigint }>();
    expectTypeOf<ModelResultOf<'addDevice'>>().toEqualTypeOf<{ rid: string }>();
    const r = applyCommand(machine(), { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.result.rid).toBe(0x3b00);
    expect(modelResult('addDevice', r.result)).toEqual({ rid: '0x3b00' });
    // @ts-expect-error addDevice has no `pa`
    const pa: unknown = r.result.pa;
    expect(pa).toBeUndefined();
  });

  it('a DMA result narrows on outcome; a wrong field does not type-check', () => {
    const { state } = build(machine(), { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' });
    const r = applyCommand(state, { op: 'dma', device: 'nic0', iova: '0x1000', access: 'read' });
    if (!r.ok) throw new Error(r.error.message);
    // @ts-expect-error `pa` exists only on a translation
    const pa: unknown = r.result.pa;
    expect(pa).toBeUndefined();
    expect(r.result.outcome).toBe('fault');
    if (r.result.outcome === 'fault') {
      expect(r.result.fault).toBe('no-context');
      if (r.result.recorded !== false) expect(r.result.reason).toBe(0x39);
    }
    expectTypeOf<DmaTranslated['pa']>().toEqualTypeOf<bigint>();
    expectTypeOf<DmaRecordedFault['reason']>().toEqualTypeOf<number>();
    expectTypeOf<WalkStep['entry']>().toEqualTypeOf<bigint>();
  });

  it("the runner prints addresses, codes and entries in hex, keys in the engine's order", () => {
    const { state } = build(machine(), { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' });
    const r = applyCommand(state, { op: 'dma', device: 'nic0', iova: '0x1000', access: 'read' });
    if (!r.ok) throw new Error(r.error.message);
    const line = modelLine(lineOf(1, { op: 'dma', device: 'nic0', iova: '0x1000', access: 'read' }, r));
    expect(JSON.stringify(line)).toMatch(
      /^\{"step":1,"op":"dma","ok":true,"result":\{"outcome":"fault","fault":"no-context","reason":"0x39","qemuReason":"0x1","pasid":0,"walk":\[\{"structure":"root","index":59,"entryAddr":"0x[0-9a-f]+","entry":"0x0"\}\]\}\}$/,
    );
  });

  it('a line narrows on ok, then on op', () => {
    const line: StepLine = { step: 0, op: 'addDevice', ok: true, result: { rid: 0x3b00 } };
    expect(dmaResultOf(line)).toBeNull();
    if (line.ok && line.op === 'addDevice') expectTypeOf(line.result).toEqualTypeOf<{ rid: number }>();
    const printed = modelLine(line);
    if (printed.ok && printed.op === 'addDevice') expectTypeOf(printed.result).toEqualTypeOf<{ rid: string }>();
    expect(printed).toEqual({ step: 0, op: 'addDevice', ok: true, result: { rid: '0x3b00' } });
    // @ts-expect-error a refused line has no result
    const bad: StepLine = { step: 0, op: 'dma', ok: false, result: {} };
    expect(bad.ok).toBe(false);
  });

  it('a command is validated once and comes out a ValidCommand', () => {
    const ok = validateCommand({ op: 'detach', device: 'nic0' });
    expect(ok.ok).toBe(true);
    if (ok.ok) expectTypeOf(ok.command).toEqualTypeOf<ValidCommand>();
    const bad = validateCommand({ op: 'detach', device: 'nic0', extra: 1 });
    expect(bad.ok).toBe(false);
    expect(validateCommand({ op: 'detach', device: 'nic0', expect: { ok: true } }).ok).toBe(false);
  });

  it('a refused command names its first bad field: the path inside it, and the issue apart (forms show it there)', () => {
    expect(validateCommand({ op: 'map', domain: 'd', iova: 'zzz', pa: 'x', size: 1, prot: 'r' })).toEqual({
      ok: false,
      message: 'iova: expected a hex string',
      path: ['iova'],
      issue: 'expected a hex string',
    });
    const nested = validateCommand({
      op: 'hwptInvalidate',
      hwpt: 'h',
      commands: [{ cmd: 'CMD_TLBI_NH_ASID', asid: 'x' }],
    });
    expect(nested.ok || nested.path).toEqual(['commands', 0, 'asid']);
    expect(validateCommand({ op: 'detach', device: 'nic0', expect: {} })).toMatchObject({ path: ['expect'] });
    expect(validateCommand({ op: 'nope' })).toMatchObject({ path: ['op'], message: 'op: unknown op "nope"' });
  });
});
