/** The inspector's "On its paths" links and the tables that follow the selection (issue 11). */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { RelatedList } from '../../src/app/tables/RelatedList.tsx';
import { TablesView } from '../../src/app/tables/TablesView.tsx';
import threeWqs from '../../src/scenarios/three-wqs.json';
import { validCommand } from '../../src/engine/index.ts';
import { createAppStore } from '../../src/store/createAppStore.ts';
import { runThreeWqs } from './walkFixture.ts';

const state = runThreeWqs().state;

describe('RelatedList', () => {
  it("lists a VM's IOASID, domain, PASID entry, mdev, WQ and parent as links", async () => {
    const onPick = vi.fn();
    const user = userEvent.setup();
    render(<RelatedList state={state} selectedId="vm1" onPick={onPick} />);
    const section = screen.getByRole('region', { name: /On its paths/ });
    expect(within(section).getByRole('list', { name: 'mdevs' })).toHaveTextContent('mdev1');
    expect(within(section).getByRole('list', { name: 'Devices' })).toHaveTextContent('dsa0');
    expect(within(section).getByRole('list', { name: 'PASID entries' })).toHaveTextContent('dsa0 PASID 1');
    expect(within(section).queryByText('mdev2')).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'mdev1' }));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ ref: 'mdev1', nodeId: 'mdev:mdev1' }));
    // Keyboard: Enter on a link picks it too.
    within(section).getByRole('button', { name: 'dsa0' }).focus();
    await user.keyboard('{Enter}');
    expect(onPick).toHaveBeenLastCalledWith(expect.objectContaining({ ref: 'dsa0', nodeId: 'device:dsa0' }));
  });

  it('renders nothing for an object on no path', () => {
    const { container } = render(<RelatedList state={state} selectedId="iommu" onPick={() => {}} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('the inspector in the workbench', () => {
  it('a link selects that object (and the inspector shows it)', async () => {
    const store = createAppStore();
    store.getState().loadScenario(JSON.stringify(threeWqs));
    store.getState().select('vm2');
    const user = userEvent.setup();
    render(<App store={store} />);
    const inspector = await screen.findByTestId('inspector');
    await user.click(within(inspector).getByTestId('related-mdev2'));
    expect(store.getState().selection).toBe('mdev2');
    expect(within(inspector).getByRole('heading', { level: 3 })).toHaveTextContent('mdev2');
    expect(within(inspector).getByTestId('related-vm2')).toBeInTheDocument();
  });
});

describe('the tables follow the selection', () => {
  it("a domain opens its page tables; a device its root and context entries; a VM shows only its devices'", () => {
    const { rerender } = render(<TablesView state={state} selectedId="domain1" />);
    expect(screen.getByRole('tab', { name: 'Page tables' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('combobox', { name: 'Domain' })).toHaveValue('domain1');
    rerender(<TablesView state={state} selectedId="vm2" />);
    // A VM keeps the tab; the page tables show its GPA domain.
    expect(screen.getByRole('combobox', { name: 'Domain' })).toHaveValue('vm2.gpa.domain');
    rerender(<TablesView state={state} selectedId="mdev1" />);
    expect(screen.getByRole('tab', { name: 'Root & context' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('region', { name: 'Tables of dsa0' })).toHaveClass('is-selected');
  });

  it('with several devices, only those on the selection’s paths until "Show all devices"', async () => {
    const store = createAppStore();
    store.getState().loadScenario(JSON.stringify(threeWqs));
    store.getState().apply(validCommand({ op: 'addDevice', id: 'nic9', bdf: '0000:3b:00.0', kind: 'pdev' }));
    const s = store.getState().history.cursorState;
    const user = userEvent.setup();
    render(<TablesView state={s} selectedId="vm1" />);
    expect(screen.getByTestId('tables-scope')).toHaveTextContent("Devices on vm1's paths: dsa0.");
    expect(screen.queryByRole('region', { name: 'Tables of nic9' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show all 2 devices' }));
    expect(screen.getByRole('region', { name: 'Tables of nic9' })).toBeInTheDocument();
  });
});
