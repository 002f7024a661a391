import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TablesView } from '../../src/app/tables/TablesView.tsx';
import { runThreeWqs } from './walkFixture.ts';

const run = runThreeWqs();

describe('TablesView', () => {
  it("shows dsa0's root and context entries read from memory", () => {
    render(<TablesView state={run.state} selectedId="dsa0" />);
    const dsa0 = screen.getByRole('region', { name: 'Tables of dsa0' });
    const context = within(dsa0).getByRole('rowheader', { name: 'Context' }).closest('tr')!;
    expect(context).toHaveTextContent('0x3ffffd100');
    expect(context).toHaveTextContent('0x3fffc0e09');
    expect(context).toHaveTextContent('present');
    expect(within(dsa0).getByRole('rowheader', { name: 'Root' }).closest('tr')).toHaveTextContent('0x3fffff6a0');
    // PASID entries 0, 1 and 2 with their DIDs.
    const pasids = within(dsa0).getByRole('table', { name: 'PASID-table entries' });
    expect(within(pasids).getAllByRole('row')).toHaveLength(4);
    // PASID 0 holds domain1, a DMA-API domain: first stage (PGTT 001, FSPTPTR in qword 2).
    expect(within(pasids).getByText('0x3ffffe00000000000008000020000000000000049')).toBeInTheDocument();
    expect(dsa0).toHaveClass('is-selected');
  });

  it('says when a device has no context entry yet', () => {
    render(<TablesView state={run.states[1]!} selectedId={null} />);
    expect(screen.getByText(/faults with no-context/)).toBeInTheDocument();
  });

  it('shows the page table of the selected domain and switches domains', async () => {
    const user = userEvent.setup();
    render(<TablesView state={run.state} selectedId="mdev1" />);
    await user.click(screen.getByRole('tab', { name: 'Page tables' }));
    expect(screen.getByRole('combobox', { name: 'Domain' })).toHaveValue('vm1.gpa.domain');
    const leaves = screen.getByRole('table', { name: 'Leaves in memory' });
    expect(within(leaves).getByText('0x40000000')).toBeInTheDocument();
    expect(within(leaves).getByText('1GiB (PL3)')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Domain' }), 'domain1');
    expect(within(screen.getByRole('table', { name: 'Leaves in memory' })).getAllByRole('row')).toHaveLength(17);
    expect(within(screen.getByRole('table', { name: 'Mappings' })).getByText('64KiB')).toBeInTheDocument();
  });

  it('lists IOTLB entries', async () => {
    const user = userEvent.setup();
    render(<TablesView state={run.state} selectedId={null} />);
    await user.click(screen.getByRole('tab', { name: 'IOTLB' }));
    expect(screen.getByRole('tab', { name: 'IOTLB' })).toHaveAttribute('aria-selected', 'true');
    const table = screen.getByRole('table', { name: /IOTLB \(3 entries\)/ });
    expect(within(table).getByText('0x10001000')).toBeInTheDocument();
  });
});
