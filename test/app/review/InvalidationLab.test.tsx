import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { InvalidationLab } from '../../../src/app/review/InvalidationLab.tsx';
import { DmaSummary } from '../../../src/app/bottom/DmaSummary.tsx';
import lab from '../../../src/scenarios/invalidation-lab.json';
import smmuLab from '../../../src/scenarios/cache-lab-smmuv3.json';
import { createAppStore, currentState } from '../../../src/store/createAppStore.ts';
import { StoreProvider } from '../../../src/store/StoreProvider.tsx';

function setup(steps = lab.steps.length) {
  const store = createAppStore();
  expect(store.getState().loadScenario(JSON.stringify({ ...lab, steps: lab.steps.slice(0, steps) }))).toBe(true);
  render(
    <StoreProvider store={store}>
      <DmaSummary />
      <InvalidationLab />
    </StoreProvider>,
  );
  return { store, user: userEvent.setup() };
}

describe('InvalidationLab', () => {
  it('flags the skipped descriptor as a hazard, in the log order', () => {
    setup();
    const rows = screen.getAllByTestId('inv-row');
    const skipped = rows.filter((r) => r.dataset['state'] === 'skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toHaveTextContent('⚠ skipped: hazard');
    expect(skipped[0]).toHaveClass('inv-skipped');
    expect(rows.some((r) => r.dataset['state'] === 'flushed-later')).toBe(true);
  });

  it('shows the queued flush, flushes it on request and surfaces the stale-IOTLB hazard', async () => {
    // Up to the DMA through the stale entry of the DMA_FQ domain: one unmap is still queued.
    const { store, user } = setup(7);
    expect(screen.getByTestId('dma-hazard')).toHaveTextContent('⚠ stale IOTLB entry');
    expect(screen.getByTestId('lab-hazard')).toHaveTextContent('stale IOTLB entry');
    expect(screen.getAllByTestId('fq-entry')).toHaveLength(1);
    expect(
      screen
        .getAllByTestId('inv-row')
        .some((r) => r.dataset['state'] === 'queued' && /queued/.test(r.textContent ?? '')),
    ).toBe(true);
    await user.click(screen.getByTestId('flush-queue'));
    expect(currentState(store.getState()).flushQueue).toHaveLength(0);
    expect(screen.getByTestId('fq-empty')).toBeInTheDocument();
    const last = screen.getAllByTestId('inv-row').at(-1);
    expect(last && within(last).getByText(/wait/)).toBeTruthy();
  });

  it('arms the skip switch', async () => {
    const { store, user } = setup(4);
    const button = screen.getByTestId('skip-next');
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await user.click(button);
    expect(currentState(store.getState()).skipNext).toBe(true);
    expect(screen.getByTestId('skip-next')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('skip-next')).toHaveTextContent('Armed');
  });

  it('SMMUv3: the log names the commands (CMD_CFGI_CD, CMD_TLBI_NH_ASID, CMD_ATC_INV, CMD_SYNC) and the stale CD', () => {
    const store = createAppStore();
    // Up to the DMA after the aux detach whose CMD_CFGI_CD was skipped.
    expect(store.getState().loadScenario(JSON.stringify({ ...smmuLab, steps: smmuLab.steps.slice(0, 16) }))).toBe(true);
    render(
      <StoreProvider store={store}>
        <InvalidationLab />
      </StoreProvider>,
    );
    const rows = screen.getAllByTestId('inv-row').map((r) => r.textContent ?? '');
    // Boot: arm_smmu_device_reset's CMD_CFGI_ALL, CMD_SYNC, CMD_TLBI_NSNH_ALL, CMD_SYNC; then the first STE write.
    expect(rows.slice(0, 4).map((r) => /CMD_\w+/.exec(r)?.[0])).toEqual([
      'CMD_CFGI_ALL',
      'CMD_SYNC',
      'CMD_TLBI_NSNH_ALL',
      'CMD_SYNC',
    ]);
    expect(rows[4]).toMatch(/CMD_CFGI_STE \(0x3\)deviceStreamID 6a:01\.0/);
    const skipped = screen.getAllByTestId('inv-row').find((r) => r.dataset['state'] === 'skipped');
    expect(skipped).toHaveTextContent('CMD_CFGI_CD (0x5)');
    expect(skipped).toHaveTextContent('SSID 1');
    expect(rows.some((r) => /CMD_TLBI_NH_ASID \(0x11\).*ASID 2/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes('CMD_ATC_INV (0x40)'))).toBe(true);
    expect(rows.at(-1)).toMatch(/CMD_SYNC/);
    expect(screen.getByTestId('lab-hazard')).toHaveTextContent('a cached STE or CD was not invalidated');
    expect(screen.getByText('What each command does')).toBeInTheDocument();
  });
});
