import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/app/tables/Inspector.tsx';
import { runThreeWqs } from './walkFixture.ts';

const run = runThreeWqs();
const state = run.state;

function field(label: string) {
  const dt = screen.getByText(label, { selector: 'dt' });
  return dt.nextElementSibling as HTMLElement;
}

describe('Inspector', () => {
  it('asks for a selection', () => {
    render(<Inspector state={state} selectedId={null} />);
    expect(screen.getByText('Select a node in the graph')).toBeInTheDocument();
  });

  it("shows a device's BDF, WQs and context entry", () => {
    render(<Inspector state={state} selectedId="dsa0" />);
    expect(field('BDF')).toHaveTextContent('0000:6a:01.0');
    expect(field('RID')).toHaveTextContent('0x6a08');
    expect(field('Primary domain')).toHaveTextContent('domain1');
    const wqs = screen.getByRole('table', { name: 'Work queues' });
    expect(within(wqs).getByText('host driver')).toBeInTheDocument();
    expect(within(wqs).getByText('mdev mdev1 (vm1)')).toBeInTheDocument();
    expect(screen.getByText('PASIDDIRPTR')).toBeInTheDocument();
  });

  it("shows a domain's DID, mappings and where it is attached", () => {
    render(<Inspector state={state} selectedId="vm1.gpa.domain" />);
    expect(field('DID')).toHaveTextContent('3');
    expect(field('PASID')).toHaveTextContent('1');
    expect(field('Attached at')).toHaveTextContent('dsa0 PASID 1 for mdev1 (aux)');
    expect(within(screen.getByRole('table', { name: 'Mappings' })).getByText('1GiB')).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'PASID entries tagged DID 3' })).getByText('0x3ffffc040'),
    ).toBeInTheDocument();
  });

  it('shows mdevs, VMs, PASID selections and the IOMMU', () => {
    const { unmount } = render(<Inspector state={state} selectedId="mdev2" />);
    expect(field('PASID')).toHaveTextContent('2');
    unmount();
    const vm = render(<Inspector state={state} selectedId="vm2" />);
    expect(field('HPA range')).toHaveTextContent('0x80000000 – 0xbfffffff');
    expect(field('IOASID')).toHaveTextContent('vm2.gpa');
    vm.unmount();
    const p = render(<Inspector state={state} selectedId="dsa0/pasid2" />);
    const entries = within(screen.getByRole('table', { name: 'PASID-table entries' }));
    expect(entries.getByText('0x3ffffc080')).toBeInTheDocument();
    expect(entries.queryByText('0x3ffffc040')).toBeNull();
    p.unmount();
    render(<Inspector state={state} selectedId="iommu" />);
    expect(field('Root table')).toHaveTextContent('0x3fffff000');
  });
});
