import type { EngineState, Vm } from '../../engine/index.ts';
import { resolveSelection } from '../../engine/inspect/tables.ts';
import { Fields } from './Fields.tsx';
import { hexOf, sizeOf } from './format.ts';

/** A VM: guest RAM size, the host range backing it and its GPA I/O address space. */
export function VmInspector({ state, vm }: { readonly state: EngineState; readonly vm: Vm }) {
  const domain = resolveSelection(state, vm.id).domain;
  const ioasid = state.domains.get(domain ?? '')?.ioasid ?? null;
  return (
    <>
      <h3>VM {vm.id}</h3>
      <Fields
        rows={[
          ['Memory', sizeOf(vm.memory)],
          [
            'HPA range',
            <span className="mono">
              {hexOf(vm.hpa)} – {hexOf(BigInt(vm.hpa) + BigInt(vm.memory) - 1n)}
            </span>,
          ],
          ['IOASID', ioasid ?? 'none (nothing assigned yet)'],
          ['GPA domain', domain ?? '—'],
        ]}
      />
    </>
  );
}
