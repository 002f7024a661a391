/**
 * Which ops reproduce an explained kernel fault in the current model: reuse the requester, domain
 * and mapping the state already has where they fit, add what is missing (a device at the log's BDF,
 * a domain, a mapping without the faulting permission), then the DMA itself. The plan is checked by
 * running it on a copy of the state, so the view only dispatches commands that give that fault.
 * docs/explain.md says how objects are chosen.
 */
import { applyCommand } from '../commands.ts';
import { takenIds } from '../inspect/reach.ts';
import { DESCRIBE } from '../iommu/registry.ts';
import type { Device, EngineState } from '../model.ts';
import { attachedDomain } from '../ops/dma.ts';
import type { Command, CommandOf, FaultName } from '../scenario/schema.ts';
import { validateCommand, type ValidCommand } from '../scenario/validCommand.ts';
import { normalBdf } from './logText.ts';
import type { ExplainedFault } from './types.ts';

export interface ReproducePlan {
  /** Ops to apply in order; the last is the `dma`. */
  /** Validated once here (addresses come from log text), so the store applies them as they are. */
  readonly commands: readonly ValidCommand[];
  /** What the plan reuses and adds, in plain words. */
  readonly summary: string;
  /** The fault the model gives (`blocked` where the log's missing entry is the model's blocked RID). */
  readonly fault: FaultName;
  /** Number of memory reads the walk shows: the failing read is the last. */
  readonly walkLength: number;
}

export type PlanOutcome =
  { readonly ok: true; readonly plan: ReproducePlan } | { readonly ok: false; readonly message: string };

const PA = '0x100000'; // a low host frame: the engine allocates its own structures from the top down
const refuse = (message: string): PlanOutcome => ({ ok: false, message });

function uniqueId(taken: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

interface Builder {
  readonly cmds: Command[];
  readonly notes: string[];
  readonly taken: Set<string>;
}

/** A paging domain at (device, pasid) that `map`/`ioasMap` can fill: reuse or create. */
function pagingTarget(
  state: EngineState,
  b: Builder,
  dev: Device | null,
  devId: string,
  pasid: number | null,
): { map: (iova: string, prot: 'r' | 'w') => Command; domain: string | null } | string {
  const current = dev === null ? null : attachedDomain(state, dev, pasid ?? -1);
  if (current !== null) {
    const dom = state.domains.get(current)!;
    if (dom.pgd === null)
      return `${devId}${pasid === null ? '' : ` PASID ${pasid}`} is attached to ${dom.type} domain ${dom.id}, which has no page table: detach it to reproduce this fault`;
    if (dom.stage1 !== null)
      return `${devId}${pasid === null ? '' : ` PASID ${pasid}`} translates through a guest or process table (${dom.id}): reproduce on a device with a paging domain`;
    b.notes.push(`reuses ${dom.id}`);
    const ioas = dom.hwpt?.ioas ?? null;
    if (ioas !== null)
      return {
        domain: dom.id,
        map: (iova, prot) => ({ op: 'ioasMap', ioas, iova, pa: PA, size: '4KiB', prot }),
      };
    return {
      domain: dom.id,
      map: (iova, prot) => ({ op: 'map', domain: dom.id, iova, pa: PA, size: '4KiB', prot }),
    };
  }
  if (pasid === null) {
    if (dev !== null && dev.devId !== null)
      return `${devId} is bound to iommufd with nothing attached to its RID: attach it to an IOAS first`;
    const domain = uniqueId(b.taken, `${devId}-dom`);
    b.cmds.push({ op: 'allocDomain', id: domain, type: 'UNMANAGED' }, { op: 'attach', domain, device: devId });
    b.notes.push(`allocates UNMANAGED domain ${domain} and attaches ${devId}`);
    return { domain, map: (iova, prot) => ({ op: 'map', domain, iova, pa: PA, size: '4KiB', prot }) };
  }
  // A chosen PASID is attached the modern way: bind to iommufd, one IOAS for the RID and the PASID.
  if (dev !== null && (dev.primary !== null || dev.devId !== null))
    return `PASID ${pasid} of ${devId} is not attached, and ${devId} is already in use: reproduce on a device that is not attached yet`;
  const ioas = uniqueId(b.taken, `${devId}-ioas`);
  b.cmds.push(
    { op: 'bindDevice', device: devId },
    { op: 'ioasAlloc', id: ioas },
    { op: 'deviceAttach', device: devId, pt: ioas },
    { op: 'deviceAttach', device: devId, pt: ioas, pasid },
  );
  b.notes.push(`binds ${devId} to iommufd and attaches its RID and PASID ${pasid} to IOAS ${ioas}`);
  return { domain: null, map: (iova, prot) => ({ op: 'ioasMap', ioas, iova, pa: PA, size: '4KiB', prot }) };
}

function mappingAt(state: EngineState, domain: string | null, vpfn: number) {
  const dom = domain === null ? undefined : state.domains.get(domain);
  return dom?.mappings.find((m) => vpfn >= m.iovaPfn && vpfn < m.iovaPfn + m.pages) ?? null;
}

/** The plan that reproduces `f` in `state`, or one sentence saying why it cannot. */
export function reproducePlan(state: EngineState, f: ExplainedFault): PlanOutcome {
  if (f.fault === null)
    return refuse(`${f.reason} (${f.text}) has no counterpart in the model's walk, so there is nothing to reproduce.`);
  if (f.iommu !== state.platform.iommu)
    return refuse(
      `This is ${DESCRIBE[f.iommu].aShortName} fault but the workbench models ${DESCRIBE[state.platform.iommu].shortName}: load a scenario with platform.iommu "${f.iommu}" to reproduce it.`,
    );
  const bdf = normalBdf(f.device);
  if (bdf === null)
    return refuse(
      `The log names only the IOMMU (${f.device}), not the requester's PCI address, so there is no device to reproduce it on.`,
    );
  const addr = BigInt(f.addr);
  const width = BigInt(state.platform.addressWidth);
  if (f.fault === 'beyond-width' ? addr < 1n << width : addr >= 1n << width) {
    return refuse(
      `Address ${f.addr} is ${f.fault === 'beyond-width' ? 'within' : 'beyond'} the model's ${state.platform.addressWidth}-bit width, so the model would not give ${f.fault} there.`,
    );
  }
  const b: Builder = { cmds: [], notes: [], taken: takenIds(state) };
  const dev = [...state.devices.values()].find((d) => d.bdf === bdf) ?? null;
  const pasid = f.pasid;
  let devId: string;
  if (dev !== null) {
    devId = dev.id;
    b.notes.push(`reuses device ${devId} (${bdf})`);
    if (pasid !== null && !dev.pasidCap)
      return refuse(`${devId} has no PASID capability, so it cannot issue the PASID ${pasid} request of the log.`);
    if (pasid !== null && pasid >= 2 ** dev.pasidBits)
      return refuse(`PASID ${pasid} does not fit ${devId}'s ${dev.pasidBits}-bit PASIDs.`);
  } else {
    if (pasid !== null && pasid >= 2 ** 20) return refuse(`PASID ${pasid} is beyond 20 bits.`);
    devId = uniqueId(b.taken, `dev-${bdf.slice(5).replace(/[:.]/g, '-')}`);
    b.cmds.push({ op: 'addDevice', id: devId, bdf, kind: 'pdev', pasid: pasid !== null });
    b.notes.push(`adds device ${devId} at ${bdf}`);
  }
  let expected: FaultName = f.fault;
  const page = '0x' + ((addr >> 12n) << 12n).toString(16);
  const vpfn = Number(addr >> 12n);
  switch (f.fault) {
    case 'no-context':
      if (dev?.devId != null)
        return refuse(
          `${devId} is bound to iommufd: its RID is blocked, not absent; unbind it to reproduce this fault.`,
        );
      if (dev?.primary != null) {
        b.cmds.push({ op: 'detach', device: devId });
        b.notes.push(`detaches ${devId} from ${dev.primary}`);
      }
      break;
    case 'blocked':
    case 'no-pasid':
      if (f.fault === 'blocked' || pasid === null) {
        // The kernel blocks a RID by tearing its RID_PASID entry down; the model names that "blocked".
        expected = 'blocked';
        if (dev?.devId == null) {
          if (dev?.primary != null) b.cmds.push({ op: 'detach', device: devId });
          b.cmds.push({ op: 'bindDevice', device: devId });
          b.notes.push(`binds ${devId} to iommufd with nothing attached, so its RID is blocked`);
        } else if (dev.primary !== null)
          return refuse(`${devId}'s RID is attached to ${dev.primary}: detach it to reproduce this fault.`);
        break;
      }
      if (dev !== null && attachedDomain(state, dev, pasid) !== null)
        return refuse(
          `PASID ${pasid} of ${devId} is attached to ${attachedDomain(state, dev, pasid)}: detach it to reproduce this fault.`,
        );
      if (dev === null || (dev.primary === null && dev.devId === null)) {
        const domain = uniqueId(b.taken, `${devId}-dom`);
        b.cmds.push({ op: 'allocDomain', id: domain, type: 'UNMANAGED' }, { op: 'attach', domain, device: devId });
        b.notes.push(`attaches ${devId}'s RID to new domain ${domain} and leaves PASID ${pasid} unattached`);
      }
      break;
    default: {
      const target = pagingTarget(state, b, dev, devId, pasid);
      if (typeof target === 'string') return refuse(target + '.');
      if (f.fault === 'beyond-width') break;
      const m = mappingAt(state, target.domain, vpfn);
      if (f.fault === 'not-mapped') {
        if (m !== null)
          return refuse(
            `${page} is mapped in ${target.domain} in the current state: unmap it to reproduce this fault.`,
          );
        b.notes.push(`leaves ${page} unmapped`);
      } else {
        const write = f.fault === 'write-denied';
        if (m !== null && (write ? m.write : m.read))
          return refuse(
            `${page} is mapped ${write ? 'writable' : 'readable'} in ${target.domain}: the model would translate this ${write ? 'write' : 'read'}.`,
          );
        if (m === null) {
          b.cmds.push(target.map(page, write ? 'r' : 'w'));
          b.notes.push(`maps ${page} ${write ? 'read-only' : 'write-only'}`);
        } else b.notes.push(`reuses the ${write ? 'read-only' : 'write-only'} mapping of ${page}`);
      }
    }
  }
  const access = f.access ?? (f.fault === 'write-denied' ? 'write' : 'read');
  const dma = {
    op: 'dma',
    device: devId,
    iova: f.addr,
    access,
    ...(pasid === null ? {} : { pasid }),
  } as CommandOf<'dma'>;
  return check(state, b, expected, dma);
}

/** Run the plan on the state (pure) and accept it only if its DMA gives the expected fault. */
function check(state: EngineState, b: Builder, expected: FaultName, dma: CommandOf<'dma'>): PlanOutcome {
  let s = state;
  for (const [i, c] of b.cmds.entries()) {
    const applied = applyCommand(s, c);
    if (!applied.ok)
      return refuse(`The model refuses step ${i + 1} of the reproduction (${c.op}): ${applied.error.message}.`);
    s = applied.state;
  }
  const applied = applyCommand(s, dma);
  if (!applied.ok)
    return refuse(`The model refuses step ${b.cmds.length + 1} of the reproduction (dma): ${applied.error.message}.`);
  const result = applied.result;
  if (result.outcome !== 'fault' || result.fault !== expected) {
    return refuse(
      `In the current state the model gives ${result.outcome === 'fault' ? result.fault : 'a translation'} for this request, not ${expected}.`,
    );
  }
  const walk = result.walk.length;
  b.cmds.push(dma);
  const commands: ValidCommand[] = [];
  for (const c of b.cmds) {
    const checked = validateCommand(c);
    if (!checked.ok) return refuse(`The reproduction's ${c.op} is not a valid command (${checked.message}).`);
    commands.push(checked.command);
  }
  const summary = `${b.notes.join(', ')}, then issues the ${dma.access} at ${dma.iova}.`;
  return {
    ok: true,
    plan: {
      commands,
      summary: summary.charAt(0).toUpperCase() + summary.slice(1),
      fault: expected,
      walkLength: walk,
    },
  };
}
