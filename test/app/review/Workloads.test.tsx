import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Workloads } from '../../../src/app/review/Workloads.tsx';
import { layoutBars } from '../../../src/app/review/workloadChart.ts';
import { compareDesigns } from '../../../src/engine/index.ts';
import lab from '../../../src/scenarios/invalidation-lab.json';
import { createAppStore } from '../../../src/store/createAppStore.ts';
import { StoreProvider } from '../../../src/store/StoreProvider.tsx';

function setup() {
  const store = createAppStore();
  store.getState().loadScenario(JSON.stringify(lab));
  render(
    <StoreProvider store={store}>
      <Workloads />
    </StoreProvider>,
  );
  return { store, user: userEvent.setup() };
}

describe('Workloads', () => {
  it('runs a tiny comparison and shows one table row and one bar per design', async () => {
    const { user } = setup();
    await user.clear(screen.getByTestId('wl-dmas'));
    await user.type(screen.getByTestId('wl-dmas'), '2000');
    await user.click(screen.getByTestId('wl-iotlb-256'));
    await user.click(screen.getByTestId('wl-iotlb-1024'));
    await user.click(screen.getByTestId('wl-run'));
    const rows = await screen.findAllByTestId<HTMLTableRowElement>('wl-row', {}, { timeout: 5000 });
    expect(rows.map((r) => [r.cells[0]?.textContent, r.cells[1]?.textContent])).toEqual([
      ['4KiB', '16'],
      ['4KiB', '64'],
      ['2MiB', '16'],
      ['2MiB', '64'],
      ['1GiB', '16'],
      ['1GiB', '64'],
    ]);
    expect(rows.every((r) => r.cells[2]?.textContent === '2,000')).toBe(true);
    expect(screen.getByTestId('chart-reads').querySelectorAll('rect')).toHaveLength(6);
    expect(screen.getByTestId('chart-hits').querySelectorAll('rect')).toHaveLength(6);
    expect(screen.getByTestId('wl-run')).toHaveTextContent('Run comparison');
  });

  it('refuses more than a million DMAs', async () => {
    const { user } = setup();
    await user.clear(screen.getByTestId('wl-dmas'));
    await user.type(screen.getByTestId('wl-dmas'), '1000001');
    await user.click(screen.getByTestId('wl-run'));
    expect(screen.getByRole('alert')).toHaveTextContent('1 to 1,000,000');
    expect(screen.queryByTestId('wl-table')).toBeNull();
  });

  it('runs against the current state without changing it', async () => {
    const { store, user } = setup();
    const before = store.getState().history;
    await user.click(screen.getByText('Run against the current state'));
    await user.selectOptions(screen.getByTestId('wl-cur-device'), 'nic1');
    await user.clear(screen.getByTestId('wl-cur-iova'));
    await user.type(screen.getByTestId('wl-cur-iova'), '0x10000');
    await user.clear(screen.getByTestId('wl-cur-bytes'));
    await user.type(screen.getByTestId('wl-cur-bytes'), '4KiB');
    await user.click(screen.getByTestId('wl-cur-run'));
    expect(await screen.findByTestId('wl-cur-result')).toHaveTextContent('10,000 DMAs: 1 walks, 9,999 hits, 0 faults');
    expect(store.getState().history).toBe(before);
  });
});

describe('layoutBars', () => {
  it('groups bars by page size inside the plot area, hit rate on a 0..1 axis', () => {
    const rows = compareDesigns({ bytes: 2 ** 22, dmas: 500, pattern: 'random', iotlbSizes: [16, 64] });
    const l = layoutBars(rows, (r) => r.hitRate, String, 300, 150, 1);
    expect(l.bars).toHaveLength(6);
    expect(l.groups.map((g) => g.label)).toEqual(['4KiB', '2MiB', '1GiB']);
    for (const b of l.bars) {
      expect(b.x).toBeGreaterThanOrEqual(l.margin.left);
      expect(b.x + b.width).toBeLessThanOrEqual(300 - l.margin.right);
      expect(b.y + b.height).toBeCloseTo(150 - l.margin.bottom);
    }
    expect(l.bars[0]!.x).toBeLessThan(l.bars[1]!.x);
    expect(l.ticks.at(-1)?.label).toBe('1');
  });
});
