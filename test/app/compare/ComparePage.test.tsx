import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { runPane, withIommu } from '../../../src/app/compare/compareRun.ts';
import { describeOf, IOMMU_KINDS } from '../../../src/engine/index.ts';
import { createAppStore } from '../../../src/store/createAppStore.ts';
import { parseRoute, routeHash } from '../../../src/tours/route.ts';
import threeWqs from '../../../src/scenarios/three-wqs.json';
import iommufdBasics from '../../../src/scenarios/iommufd-basics.json';

const structures = (pane: HTMLElement) =>
  within(within(pane).getByTestId(/compare-walk-/))
    .getAllByRole('rowheader')
    .map((c) => c.textContent);

describe('compare view', () => {
  it('has a #compare route', () => {
    expect(parseRoute('#compare')).toEqual({ view: 'compare' });
    expect(routeHash({ view: 'compare' })).toBe('#compare');
  });

  it('rewrites platform.iommu and lists refused steps', () => {
    expect(withIommu({ steps: [] }, 'smmuv3')).toEqual({ steps: [], platform: { iommu: 'smmuv3' } });
    const onSmmu = runPane(threeWqs, 'smmuv3');
    if (!onSmmu.ok) throw new Error(onSmmu.message);
    expect(onSmmu.iommu).toBe('smmuv3');
    expect(onSmmu.dmas.at(-1)?.walk[0]?.structure).toBe('ste-l1');
    // iommufd-basics.json attaches a PASID beside a stage-2 (NEST_PARENT) RID domain: VT-d takes it, but on
    // SMMUv3 the STE then holds a stage-2 domain, not a CD table, so that attach is refused (EINVAL).
    const refusedOnSmmu = runPane(iommufdBasics, 'smmuv3');
    if (!refusedOnSmmu.ok) throw new Error(refusedOnSmmu.message);
    expect(refusedOnSmmu.errors.length).toBeGreaterThan(0);
    expect(refusedOnSmmu.errors[0]?.code).toMatch(/^E[A-Z]+$/);
  });

  it('runs two panes, each with its graph and the last DMA walk; pane B moves to SMMUv3', () => {
    const store = createAppStore();
    render(<App store={store} route={{ view: 'compare' }} />);
    const a = screen.getByTestId('compare-pane-A');
    const b = screen.getByTestId('compare-pane-B');
    expect(within(a).getByRole('img', { name: /Pane A attachment graph/ })).toBeInTheDocument();
    expect(structures(a)[0]).toBe('root');
    fireEvent.change(within(b).getByLabelText('IOMMU'), { target: { value: 'smmuv3' } });
    expect(within(b).getByRole('heading', { level: 2 }).textContent).toContain('Arm SMMUv3');
    expect(structures(b).slice(0, 4)).toEqual(['ste-l1', 'ste', 'cd-l1', 'cd']);
    expect(structures(a)[0]).toBe('root');
    // Another DMA step can be picked.
    const pick = within(b).getByLabelText<HTMLSelectElement>('DMA');
    fireEvent.change(pick, { target: { value: pick.options[0]!.value } });
    expect(within(b).getByTestId('compare-walk-B').querySelector('caption')?.textContent).toContain(
      `step ${pick.options[0]!.value}`,
    );
  });

  it("lists every IOMMU the engine models by its describe name; a hit's caption uses the IOMMU's word for its TLB", () => {
    render(<App store={createAppStore()} route={{ view: 'compare' }} />);
    const b = screen.getByTestId('compare-pane-B');
    const picker = within(b).getByLabelText<HTMLSelectElement>('IOMMU');
    expect([...picker.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'as the scenario says'],
      ...IOMMU_KINDS.map((k) => [k, describeOf(k).name]),
    ]);
    // A DMA of the seed that hits on SMMUv3: the caption says TLB (SMMUv3's word), not IOTLB.
    const pick = within(b).getByLabelText<HTMLSelectElement>('DMA');
    const hits = runPane(threeWqs, 'smmuv3');
    if (!hits.ok) throw new Error(hits.message);
    const hit = hits.dmas.find((d) => d.result.outcome === 'translated' && d.result.iotlb === 'hit');
    if (hit === undefined) throw new Error('the seed has no IOTLB hit');
    fireEvent.change(pick, { target: { value: String(hit.step) } });
    expect(within(b).getByTestId('compare-walk-B').querySelector('caption')?.textContent).toContain('(TLB hit)');
    // The summary names each pane's cache in its own IOMMU's word: VT-d's IOTLB beside SMMUv3's TLB.
    const [, cellA, cellB] = screen.getByTestId('diff-outcome').querySelectorAll('td, th');
    expect(cellA?.textContent).toMatch(/\(IOTLB (hit|miss)\)$/);
    expect(cellB?.textContent).toMatch(/\(TLB hit\)$/);
  });

  it('shows the refused steps when a scenario does not fit the IOMMU', () => {
    render(<App store={createAppStore()} route={{ view: 'compare' }} />);
    const b = screen.getByTestId('compare-pane-B');
    fireEvent.change(within(b).getByLabelText('Scenario'), { target: { value: 'iommufd-basics.json' } });
    fireEvent.change(within(b).getByLabelText('IOMMU'), { target: { value: 'amd-vi' } });
    expect(within(b).getByTestId('compare-errors-B').textContent).toMatch(/refused on AMD-Vi/);
  });

  it('can show the current workbench document', () => {
    const store = createAppStore();
    store.getState().loadScenario(threeWqs, 'test');
    render(<App store={store} route={{ view: 'compare' }} />);
    const a = screen.getByTestId('compare-pane-A');
    fireEvent.change(within(a).getByLabelText('Scenario'), { target: { value: 'current' } });
    expect(within(a).getByRole('heading', { level: 2 }).textContent).toContain(threeWqs.title);
  });

  it('opens on the seed on VT-d beside SMMUv3, with what differs first; a pick in one pane is followed by the other', () => {
    render(<App store={createAppStore()} route={{ view: 'compare' }} />);
    expect(within(screen.getByTestId('compare-pane-A')).getByRole('heading', { level: 2 }).textContent).toContain(
      'Intel VT-d',
    );
    expect(within(screen.getByTestId('compare-pane-B')).getByRole('heading', { level: 2 }).textContent).toContain(
      'Arm SMMUv3',
    );
    const summary = screen.getByTestId('compare-summary');
    expect(within(summary).getByRole('heading', { level: 2 }).textContent).toBe('What differs');
    expect(screen.getByTestId('diff-structures').textContent).toMatch(
      /root, context, pasid-dir, pasid-table.*ste-l1, ste, cd-l1, cd/,
    );
    expect(screen.getByTestId('diff-structures')).toHaveClass('is-diff');
    expect(screen.getByTestId('compare-walk-A').querySelectorAll('tr[data-mark="differs"]').length).toBeGreaterThan(0);
    // Step numbers as the Timeline counts them (from 1): the seed's mdev1 DMA is step 14.
    fireEvent.change(within(screen.getByTestId('compare-pane-A')).getByLabelText('DMA'), { target: { value: '14' } });
    expect(screen.getByTestId('compare-walk-A').querySelector('caption')?.textContent).toContain('step 14');
    expect(screen.getByTestId('compare-walk-B').querySelector('caption')?.textContent).toContain('step 14');
    expect(screen.getByTestId('diff-outcome').textContent).toContain('translated → 0x40002000');
    expect(screen.getByTestId('diff-outcome')).not.toHaveClass('is-diff');
  });
});
