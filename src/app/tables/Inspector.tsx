import { describeOf, describePlatform, type EngineState } from '../../engine/index.ts';
import { resolveSelection } from '../../engine/inspect/tables.ts';
import { DeviceInspector } from './DeviceInspector.tsx';
import { DomainInspector } from './DomainInspector.tsx';
import { Fields } from './Fields.tsx';
import { MdevInspector } from './MdevInspector.tsx';
import { VmInspector } from './VmInspector.tsx';
import { hexOf } from './format.ts';
import './tables.css';

export interface InspectorProps {
  state: EngineState;
  selectedId: string | null;
}

/** The selected object's fields and, for devices and domains, their entries in memory. */
export function Inspector({ state, selectedId }: InspectorProps) {
  const target = resolveSelection(state, selectedId);
  return (
    <section className="inspector" aria-label="Inspector">
      {bodyOf(state, target)}
    </section>
  );
}

function bodyOf(state: EngineState, target: ReturnType<typeof resolveSelection>) {
  switch (target.kind) {
    case 'device':
    case 'wq':
    case 'pasid': {
      const device = state.devices.get(target.device ?? '');
      if (!device) break;
      const focus = target.kind === 'device' || target.sub === null ? null : { kind: target.kind, n: target.sub };
      return <DeviceInspector state={state} device={device} focus={focus} />;
    }
    case 'mdev': {
      const mdev = state.mdevs.get(target.id);
      return mdev ? <MdevInspector state={state} mdev={mdev} /> : null;
    }
    case 'domain': {
      const domain = state.domains.get(target.id);
      return domain ? <DomainInspector state={state} domain={domain} /> : null;
    }
    case 'vm': {
      const vm = state.vms.get(target.id);
      return vm ? <VmInspector state={state} vm={vm} /> : null;
    }
    case 'ioasid':
      return (
        <>
          <h3>IOASID {target.id}</h3>
          <Fields rows={[['Domain', target.domain ?? '—']]} />
        </>
      );
    case 'ioas': {
      const io = state.ioas.get(target.id);
      const hwpts = [...state.domains.values()].filter((d) => d.hwpt?.ioas === target.id).map((d) => d.id);
      return io ? (
        <>
          <h3>IOAS {io.id}</h3>
          <Fields
            rows={[
              ['iommufd object', `#${io.objId}`],
              [
                'Areas',
                io.areas
                  .map((a) => `${hexOf(a.iovaPfn * 4096)}+${a.pages * 4} KiB → ${hexOf(a.pfn * 4096)}`)
                  .join('; ') || 'none',
              ],
              ['HWPTs', hwpts.join(', ') || 'none'],
            ]}
          />
        </>
      ) : null;
    }
    case 'process': {
      const pr = state.processes.get(target.id);
      return pr ? (
        <>
          <h3>Process {pr.id}</h3>
          <Fields
            rows={[
              ['Page-table root (HPA)', <span className="mono">{hexOf(pr.root)}</span>],
              ['PASID', pr.pasid ?? 'not bound'],
              ['SVA domain', target.domain ?? '—'],
            ]}
          />
        </>
      ) : null;
    }
    case 'guest-table': {
      const g = state.guestTables.get(target.id);
      return g ? (
        <>
          <h3>Guest table {g.id}</h3>
          <Fields
            rows={[
              ['VM', g.vm],
              ['Root (GPA)', <span className="mono">{hexOf(g.root)}</span>],
              ['Nested HWPT', target.domain ?? '—'],
            ]}
          />
        </>
      ) : null;
    }
    case 'iommu':
      return (
        <>
          <h3>{describePlatform(state.platform).unitTitle}</h3>
          <Fields
            rows={[
              [describeOf(state.platform.iommu).rootTableName, <span className="mono">{hexOf(state.rootTable)}</span>],
              ['Address width', `${state.platform.addressWidth}-bit`],
              ['IOTLB entries', state.iotlb.entries().length],
              ['Faults recorded', state.faultCount],
            ]}
          />
        </>
      );
    case 'none':
      break;
  }
  return <p className="muted inspector-empty">Select a node in the graph</p>;
}
