/**
 * The raw op forms as FieldDefs: OP_FIELDS says each field's kind; the defaults come from the state
 * (engine/inspect/reach.ts): new ids are the next free ones, a parent's WQs are picked by idxd name,
 * a DMA's IOVA starts on a range the device has mapped.
 */
import type { EngineState, OpName } from '../../engine/index.ts';
import { dmaTargets, nextFreeBdf, nextFreeId } from '../../engine/inspect/reach.ts';
import type { Choice, FieldDef } from './fieldModel.ts';
import { OP_FIELDS, type FieldSpec } from './opFields.ts';
import { refOptions } from './refOptions.ts';
import { mappedRangeChoices, wqFieldChoices, WQ_HINT } from './stateChoices.ts';

const BLANK: Choice = { value: '', label: '—' };
const plain = (xs: readonly string[]): Choice[] => xs.map((x) => ({ value: x, label: x }));

/** "dsa0" → next free dsa<n> from 0; "vm1" → next free vm<n> from 1. */
function freeIdLike(state: EngineState, initial: string): string {
  const m = /^(.*?)(\d+)$/.exec(initial);
  return m === null ? initial : nextFreeId(state, m[1] ?? '', Number(m[2]));
}

/** One-line hints where a raw field's choice changes the kernel path (iommu_domain types: include/linux/iommu.h). */
const HINTS: Readonly<Record<string, string>> = {
  'allocDomain.type':
    'DMA: the DMA API’s (a host driver, first stage); DMA_FQ: the same with lazy flushes; UNMANAGED: VFIO, aux and GPA spaces (second stage); IDENTITY: pass-through; BLOCKED: no DMA.',
  'dma.pasid': 'empty: a request without PASID (the RID’s domain); an mdev supplies its own.',
};

/** The WQ fields of these ops name a WQ of the device in the field given. */
const WQ_OWNER: Partial<Record<OpName, string>> = {
  createMdev: 'parent',
  useWq: 'device',
  auxAttach: 'device',
  auxDetach: 'device',
};

function fieldDef(op: OpName, spec: FieldSpec): FieldDef {
  const base = {
    name: spec.name,
    label: spec.optional ? `${spec.name} (optional)` : spec.name,
    optional: spec.optional ?? false,
    placeholder: spec.help ?? spec.field.kind,
  };
  const fixed = spec.initial ?? '';
  const owner = WQ_OWNER[op];
  if (spec.name === 'wq' && owner !== undefined) {
    return {
      ...base,
      kind: 'choice',
      choices: (st, v) => [...(spec.optional ? [BLANK] : []), ...wqFieldChoices(st, v[owner] ?? '')],
      initial: (st, v) => (spec.optional ? '' : (wqFieldChoices(st, v[owner] ?? '').find((c) => c.free)?.value ?? '')),
      hint: () => WQ_HINT,
    };
  }
  if (op === 'addDevice' && spec.name === 'bdf') return { ...base, kind: 'text', initial: (st) => nextFreeBdf(st) };
  if (op === 'dma' && spec.name === 'iova') {
    return {
      ...base,
      kind: 'text',
      suggestions: (st, v) => mappedRangeChoices(st, v['device'] ?? ''),
      initial: (st, v) => dmaTargets(st, v['device'] ?? '').flatMap((t) => t.ranges)[0]?.iova ?? fixed,
    };
  }
  const f = spec.field;
  switch (f.kind) {
    case 'newId':
      return { ...base, kind: 'text', initial: (st) => freeIdLike(st, fixed) };
    case 'ref':
      return {
        ...base,
        kind: 'choice',
        drives: true,
        choices: (st) => [...(spec.optional ? [BLANK] : []), ...plain(refOptions(st, f.source))],
        initial: (st) => (spec.optional ? '' : (refOptions(st, f.source)[0] ?? '')),
      };
    case 'enum':
      return {
        ...base,
        kind: 'choice',
        choices: () => [...(spec.optional ? [BLANK] : []), ...plain(f.options)],
        initial: () => (spec.optional ? fixed : fixed || (f.options[0] ?? '')),
      };
    case 'bool':
      return { ...base, kind: 'choice', choices: () => [BLANK, ...plain(['true', 'false'])], initial: () => fixed };
    default:
      return { ...base, kind: 'text', initial: () => fixed };
  }
}

/** The fields of an op's raw form. */
export function opFieldDefs(op: OpName): FieldDef[] {
  return OP_FIELDS[op].map((spec) => {
    const def = fieldDef(op, spec);
    const hint = HINTS[`${op}.${spec.name}`];
    return hint === undefined ? def : { ...def, hint: () => hint };
  });
}
