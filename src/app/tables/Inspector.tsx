import type { EngineState } from '../../engine/index.ts';
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
    case 'iommu':
      return (
        <>
          <h3>IOMMU (VT-d, scalable mode)</h3>
          <Fields
            rows={[
              ['Root table', <span className="mono">{hexOf(state.rootTable)}</span>],
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
