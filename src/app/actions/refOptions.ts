/** Choices for reference fields, read from the current engine state. */
import type { EngineState } from '../../engine/index.ts';
import type { RefSource } from './opFields.ts';

export function refOptions(state: EngineState, source: RefSource): string[] {
  const devices = [...state.devices.values()];
  switch (source) {
    case 'devices':
      return devices.map((d) => d.id);
    case 'parents':
      return devices.filter((d) => d.kind === 'parent').map((d) => d.id);
    case 'assignable':
      return [...devices.filter((d) => d.kind === 'pdev').map((d) => d.id), ...state.mdevs.keys()];
    case 'mdevs':
      return [...state.mdevs.keys()];
    case 'vms':
      return [...state.vms.keys()];
    case 'domains':
      return [...state.domains.keys()];
    case 'ioasids':
      return [...state.ioasids.keys()];
    case 'dmaSources':
      return [...devices.map((d) => d.id), ...state.mdevs.keys()];
  }
}
