import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TablesView } from '../../src/app/tables/TablesView.tsx';
import { Inspector } from '../../src/app/tables/Inspector.tsx';
import { parseScenarioValue, runScenario } from '../../src/engine/index.ts';
import smmu from '../../src/scenarios/three-wqs-smmuv3.json';
import amd from '../../src/scenarios/three-wqs-amd.json';
import amdV1 from '../../src/scenarios/large-pages-amd-v1.json';

const stateOf = (v: unknown) => {
  const p = parseScenarioValue(v);
  if (!p.ok) throw new Error(p.message);
  return runScenario(p.value).state;
};

describe('tables on other IOMMUs', () => {
  it('SMMUv3: the tab shows the stream table, STE and CDs, no VT-d names', () => {
    render(<TablesView state={stateOf(smmu)} selectedId="dsa0" />);
    expect(screen.getByRole('tab', { name: 'Stream table & CDs' })).toBeInTheDocument();
    const dsa0 = screen.getByRole('region', { name: 'Tables of dsa0' });
    expect(within(dsa0).getByRole('rowheader', { name: 'ste' })).toBeInTheDocument();
    expect(within(dsa0).getAllByRole('rowheader', { name: 'cd' }).length).toBeGreaterThan(0);
    expect(within(dsa0).queryByRole('rowheader', { name: 'Context' })).toBeNull();
    expect(screen.getByText(/Stream table \(two-level/)).toBeInTheDocument();
  });

  it('AMD-Vi: the DTE and GCR3 entries; the inspector names the IOMMU', () => {
    const state = stateOf(amd);
    render(<TablesView state={state} selectedId="dsa0" />);
    const dsa0 = screen.getByRole('region', { name: 'Tables of dsa0' });
    expect(within(dsa0).getByRole('rowheader', { name: 'dte' })).toBeInTheDocument();
    expect(within(dsa0).getAllByRole('rowheader', { name: 'gcr3' }).length).toBeGreaterThan(0);
    render(<Inspector state={state} selectedId="iommu" />);
    expect(screen.getByRole('heading', { name: 'IOMMU (AMD-Vi, v2 page tables)' })).toBeInTheDocument();
    expect(screen.getByText('Device table')).toBeInTheDocument();
  });

  it('AMD-Vi with v1 page tables: the inspector names the mode the platform runs', () => {
    render(<Inspector state={stateOf(amdV1)} selectedId="iommu" />);
    expect(screen.getByRole('heading', { name: 'IOMMU (AMD-Vi, v1 page tables)' })).toBeInTheDocument();
  });
});

describe('debugfs on other IOMMUs', () => {
  it('says the export is VT-d only and hides the export buttons', async () => {
    const { DebugfsPanel } = await import('../../src/app/debugfs/DebugfsPanel.tsx');
    const { createAppStore } = await import('../../src/store/createAppStore.ts');
    const { StoreProvider } = await import('../../src/store/StoreProvider.tsx');
    const store = createAppStore();
    store.getState().loadScenario(JSON.stringify(smmu));
    render(
      <StoreProvider store={store}>
        <DebugfsPanel />
      </StoreProvider>,
    );
    expect(screen.getByTestId('debugfs-vtd-only').textContent).toContain('VT-d only');
    expect(screen.queryByRole('button', { name: 'Export dmar_translation_struct' })).toBeNull();
  });
});
