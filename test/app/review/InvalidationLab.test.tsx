import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { InvalidationLab } from '../../../src/app/review/InvalidationLab.tsx';
import { DmaSummary } from '../../../src/app/bottom/DmaSummary.tsx';
import lab from '../../../src/scenarios/invalidation-lab.json';
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
});
