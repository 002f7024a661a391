import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FaultLog } from '../../../src/app/review/FaultLog.tsx';
import { faultRows } from '../../../src/app/review/faultRows.ts';
import { ridBdf } from '../../../src/engine/iommu/faultEvent.ts';
import { requesterDomain } from '../../../src/engine/inspect/reach.ts';
import faultGallery from '../../../src/scenarios/fault-gallery.json';
import { createAppStore, currentState } from '../../../src/store/createAppStore.ts';
import { StoreProvider } from '../../../src/store/StoreProvider.tsx';

function setup() {
  const store = createAppStore();
  expect(store.getState().loadScenario(JSON.stringify(faultGallery))).toBe(true);
  render(
    <StoreProvider store={store}>
      <FaultLog />
    </StoreProvider>,
  );
  return { store, user: userEvent.setup() };
}

describe('FaultLog', () => {
  it('prints one kernel-style line per fault record', () => {
    const { store } = setup();
    const n = currentState(store.getState()).faults.length;
    expect(n).toBeGreaterThan(5);
    const lines = screen.getAllByTestId('fault-line').map((l) => l.textContent?.trim());
    expect(lines).toHaveLength(n);
    expect(lines[0]).toBe(
      'DMAR: [DMA Read NO_PASID] Request device [01:00.0] fault addr 0x1000 [fault reason 0x39] SM: Present bit in Root Entry is clear',
    );
    expect(lines).toContain(
      'DMAR: [DMA Read PASID 0x5] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] SM: Present bit in PASID Table Entry is clear',
    );
    expect(screen.getAllByTestId('fault-row')).toHaveLength(n);
  });

  it('filtering by device, PASID and domain shrinks the rows', async () => {
    const { store, user } = setup();
    const all = currentState(store.getState()).faults;
    await user.selectOptions(screen.getByTestId('fault-filter-device'), 'nic0');
    const nic0 = all.filter((f) => f.device === 'nic0').length;
    expect(nic0).toBeLessThan(all.length);
    expect(screen.getAllByTestId('fault-row')).toHaveLength(nic0);
    expect(screen.getAllByTestId('fault-line')).toHaveLength(nic0);
    await user.selectOptions(screen.getByTestId('fault-filter-device'), '');
    await user.selectOptions(screen.getByTestId('fault-filter-pasid'), '5');
    expect(screen.getAllByTestId('fault-row')).toHaveLength(1);
    await user.selectOptions(screen.getByTestId('fault-filter-pasid'), '');
    await user.selectOptions(screen.getByTestId('fault-filter-domain'), 'blk');
    expect(screen.getAllByTestId('fault-row').length).toBe(all.filter((f) => f.device === 'nic1').length);
    expect(screen.getByTestId('fault-count')).toHaveTextContent(`of ${all.length} records`);
  });

  it('shows an empty note without faults', () => {
    render(
      <StoreProvider store={createAppStore()}>
        <FaultLog />
      </StoreProvider>,
    );
    expect(screen.getByTestId('fault-empty')).toBeInTheDocument();
  });
});

describe('faultRows helpers', () => {
  it('formats source ids and resolves the domain at a PASID', () => {
    expect(ridBdf(0x6a08)).toBe('6a:01.0');
    const store = createAppStore();
    store.getState().loadScenario(JSON.stringify(faultGallery));
    const s = currentState(store.getState());
    expect(requesterDomain(s, 'nic1', null)).toBe('blk');
    expect(requesterDomain(s, 'nosuch', null)).toBeNull();
    expect(faultRows(s).every((r) => r.line.startsWith('DMAR: ['))).toBe(true);
  });
});
