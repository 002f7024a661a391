import type { EngineState, Mdev } from '../../engine/index.ts';
import { resolveSelection } from '../../engine/inspect/tables.ts';
import { Fields } from './Fields.tsx';

/** A mediated device: the parent WQ backing it, its VM and the PASID its DMA carries. */
export function MdevInspector({ state, mdev }: { readonly state: EngineState; readonly mdev: Mdev }) {
  const pasid = state.devices.get(mdev.parent)?.wqPasid[mdev.wq] ?? null;
  const domain = resolveSelection(state, mdev.id).domain;
  return (
    <>
      <h3>mdev {mdev.id}</h3>
      <Fields
        rows={[
          ['Parent', mdev.parent],
          ['WQ', mdev.wq],
          ['VM', mdev.vm ?? '—'],
          ['PASID', pasid === null ? 'none yet' : `${pasid} (programmed in the WQ; DMA uses the parent's RID)`],
          ['Domain', domain ?? '—'],
        ]}
      />
    </>
  );
}
