/** The context-menu actions of a graph node: open a prefilled form, or apply a command directly. Pure. */
import { validCommand, type Command, type EngineState, type OpName, type ValidCommand } from '../../engine/index.ts';
import type { TopoNode } from '../../engine/inspect/topology.ts';

export type NodeAction =
  | {
      readonly label: string;
      readonly kind: 'form';
      readonly op: OpName;
      readonly prefill: Readonly<Record<string, string>>;
    }
  | { readonly label: string; readonly kind: 'apply'; readonly command: ValidCommand }
  /** A guided action (src/app/actions/intents.ts) opened prefilled. */
  | {
      readonly label: string;
      readonly kind: 'intent';
      readonly intent: string;
      readonly prefill: Readonly<Record<string, string>>;
    };

export function nodeActions(state: EngineState, node: TopoNode): NodeAction[] {
  const id = node.ref;
  const form = (label: string, op: OpName, prefill: Record<string, string>): NodeAction => ({
    label,
    kind: 'form',
    op,
    prefill,
  });
  const apply = (label: string, command: Command): NodeAction => ({
    label,
    kind: 'apply',
    command: validCommand(command),
  });
  const guided = (label: string, intent: string, prefill: Record<string, string>): NodeAction => ({
    label,
    kind: 'intent',
    intent,
    prefill,
  });
  switch (node.kind) {
    case 'device': {
      const dev = state.devices.get(id);
      const out: NodeAction[] = [
        form('Attach a domain…', 'attach', { device: id }),
        form('Trace DMA from here…', 'dma', { device: id }),
      ];
      if (dev?.primary) out.push(apply(`Detach ${dev.primary}`, { op: 'detach', device: id }));
      if (dev?.kind === 'parent') {
        out.push(
          guided('Give the host a WQ…', 'host-wq', { parent: id }),
          guided('Give a VM a WQ as an mdev…', 'vm-mdev', { parent: id }),
        );
        out.push(
          form('Create an mdev…', 'createMdev', { parent: id }),
          form('Aux-attach a domain…', 'auxAttach', { device: id }),
        );
      }
      if (dev?.kind === 'pdev')
        out.push(
          dev.vm
            ? apply(`Unassign from ${dev.vm}`, { op: 'unassign', device: id })
            : form('Assign to a VM…', 'assign', { device: id }),
        );
      if (dev && !dev.features.aux && dev.pasidCap)
        out.push(apply('Enable AUX', { op: 'enableFeature', device: id, feature: 'AUX' }));
      return out;
    }
    case 'wq': {
      const [parent = '', wq = ''] = id.split('/wq');
      return [
        guided('Give to a VM as an mdev…', 'vm-mdev', { parent, wq }),
        guided('Give to the host through a DMA domain…', 'host-wq', { parent, wq }),
        form('Create an mdev on this WQ…', 'createMdev', { parent, wq }),
        apply('Give to the host driver', { op: 'useWq', device: parent, wq: Number(wq) }),
      ];
    }
    case 'mdev': {
      const m = state.mdevs.get(id);
      const out: NodeAction[] = [form('Trace DMA from here…', 'dma', { device: id })];
      if (m?.vm) out.push(apply(`Unassign from ${m.vm}`, { op: 'unassign', device: id }));
      else out.push(form('Assign to a VM…', 'assign', { device: id }), apply('Remove', { op: 'removeMdev', id }));
      return out;
    }
    case 'domain':
      return [
        form('Map a range…', 'map', { domain: id }),
        form('Unmap a range…', 'unmap', { domain: id }),
        form('Attach to a device…', 'attach', { domain: id }),
        apply('Free', { op: 'freeDomain', id }),
      ];
    case 'ioasid':
      return [
        form('Map a range…', 'ioasidMap', { ioasid: id }),
        form('Attach to a device…', 'ioasidAttach', { ioasid: id }),
      ];
    case 'nested':
      return [form('Attach to a device…', 'deviceAttach', { pt: id }), apply('Destroy', { op: 'destroy', id })];
    case 'ioas':
      return [
        form('Map a range…', 'ioasMap', { ioas: id }),
        form('Attach a device…', 'deviceAttach', { pt: id }),
        apply('Destroy', { op: 'destroy', id }),
      ];
    case 'guest-table':
      return [form('Map in the guest table…', 'guestMap', { table: id })];
    case 'process':
      return [
        form('Map in the process…', 'processMap', { process: id }),
        form('Bind a device (SVA)…', 'svaBind', { process: id }),
      ];
    case 'vm':
      return [
        guided('Give this VM a WQ as an mdev…', 'vm-mdev', { vm: id }),
        form('Assign a device…', 'assign', { vm: id }),
      ];
    case 'pasid': {
      const [device = '', pasid = ''] = id.split('/pasid');
      return [form('Trace DMA with this PASID…', 'dma', pasid === '0' ? { device } : { device, pasid })];
    }
    case 'iommu':
      return [
        guided('Add a DSA with work queues…', 'add-dsa', {}),
        guided('Add a NIC…', 'add-nic', {}),
        form('Add a device…', 'addDevice', {}),
      ];
  }
}
