import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WalkView } from '../../src/app/walk/WalkView.tsx';
import { runThreeWqs, resultOf } from './walkFixture.ts';

const run = runThreeWqs();
const state = run.state;

function counter() {
  return screen.getByText(/^\d+ \/ \d+$/);
}
function currentCard() {
  const cards = screen.getAllByRole('listitem');
  const cur = cards.find((c) => c.getAttribute('aria-current') === 'step');
  if (!cur) throw new Error('no current card');
  return cur;
}

describe('WalkView', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for a DMA when there is none', () => {
    render(<WalkView state={state} result={null} request={null} />);
    expect(screen.getByText(/issue a DMA/i)).toBeInTheDocument();
  });

  it('steps forward and back through a translated walk', async () => {
    const user = userEvent.setup();
    render(
      <WalkView
        state={state}
        result={resultOf(run, 12)}
        request={{ device: 'dsa0', iova: '0xffff1234', access: 'write' }}
      />,
    );
    expect(screen.getByText('none → RID_PASID 0')).toBeInTheDocument();
    expect(screen.getByText(/6a:01\.0/)).toBeInTheDocument();
    expect(counter()).toHaveTextContent('1 / 8');
    expect(within(currentCard()).getByText('Root entry')).toBeInTheDocument();
    // The root step indexes the table by bus: the RID strip's bus field is highlighted.
    expect(document.querySelector('[data-field="root"]')).toHaveAttribute('aria-current', 'true');

    const next = screen.getByRole('button', { name: 'Forward' });
    for (let i = 0; i < 4; i++) await user.click(next);
    expect(counter()).toHaveTextContent('5 / 8');
    // domain1 is a DMA-API domain: a first-stage walk (S1 PL4…S1 PL1).
    expect(within(currentCard()).getByText('S1 PL4')).toBeInTheDocument();
    expect(document.querySelector('[data-field="pl4"]')).toHaveAttribute('aria-current', 'true');
    expect(screen.getByText(/^Step 5: S1 PL4 \[0\]/)).toHaveAttribute('aria-live', 'polite');

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(counter()).toHaveTextContent('4 / 8');
    expect(within(currentCard()).getByText('PASID-table entry')).toBeInTheDocument();
    expect(within(currentCard()).getByText('first-stage only')).toBeInTheDocument();

    for (let i = 0; i < 10; i++) await user.click(next);
    expect(counter()).toHaveTextContent('8 / 8');
    expect(next).toBeDisabled();
    expect(within(currentCard()).getByText(/leaf: page at 0x10001000 → PA 0x10001234/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Outcome' })).getByText('0x10001234')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Outcome' })).getByText(/IOTLB miss/)).toBeInTheDocument();
    expect(screen.getByTestId('result-iotlb')).toHaveTextContent('IOTLB miss');
  });

  it('says where the PA lands and that a hit skips the walk', () => {
    render(
      <WalkView
        state={state}
        result={resultOf(run, 15)}
        request={{ device: 'mdev1', iova: '0x2abc', access: 'write' }}
      />,
    );
    expect(screen.getByText(/lands in vm1 at GPA/)).toHaveTextContent('lands in vm1 at GPA 0x2abc');
    expect(screen.getByText(/page-table walk was skipped/)).toBeInTheDocument();
    expect(screen.getByText(/programmed in mdev1's WQ/)).toBeInTheDocument();
    expect(counter()).toHaveTextContent('1 / 4');
  });

  it('walks to a not-mapped fault and explains it', async () => {
    const user = userEvent.setup();
    render(
      <WalkView
        state={state}
        result={resultOf(run, 16)}
        request={{ device: 'mdev1', iova: '0x40000000', access: 'read' }}
      />,
    );
    const outcome = screen.getByRole('region', { name: 'Outcome' });
    expect(within(outcome).getByText('not-mapped')).toBeInTheDocument();
    expect(within(outcome).getByText(/reason 0x79/)).toBeInTheDocument();
    expect(within(outcome).getByText(/not mapped in the domain/)).toBeInTheDocument();
    const next = screen.getByRole('button', { name: 'Forward' });
    for (let i = 0; i < 5; i++) await user.click(next);
    expect(counter()).toHaveTextContent('6 / 6');
    expect(within(currentCard()).getByText(/fault: not-mapped/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(within(currentCard()).getByText(/next table at 0x3ffff7000/)).toBeInTheDocument();
  });

  it('shows a no-context fault at the root entry', () => {
    render(
      <WalkView
        state={state}
        result={resultOf(run, 1)}
        request={{ device: 'dsa0', iova: '0xffff1000', access: 'read' }}
      />,
    );
    expect(counter()).toHaveTextContent('1 / 1');
    expect(within(screen.getByRole('region', { name: 'Outcome' })).getByText('no-context')).toBeInTheDocument();
    expect(within(currentCard()).getByText(/fault: no-context \(reason 0x39\)/)).toBeInTheDocument();
  });

  it('plays through the steps on a timer and stops at the end', () => {
    vi.useFakeTimers();
    render(
      <WalkView
        state={state}
        result={resultOf(run, 13)}
        request={{ device: 'mdev1', iova: '0x2000', access: 'read' }}
      />,
    );
    act(() => screen.getByRole('button', { name: 'Play' }).click());
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(699);
    });
    expect(counter()).toHaveTextContent('1 / 6');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(counter()).toHaveTextContent('2 / 6');
    for (let i = 0; i < 10; i++)
      act(() => {
        vi.advanceTimersByTime(700);
      });
    expect(counter()).toHaveTextContent('6 / 6');
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
    expect(within(currentCard()).getByText(/PA 0x40002000/)).toBeInTheDocument();
  });

  it('pauses on request', () => {
    vi.useFakeTimers();
    render(
      <WalkView
        state={state}
        result={resultOf(run, 12)}
        request={{ device: 'dsa0', iova: '0xffff1234', access: 'write' }}
      />,
    );
    act(() => screen.getByRole('button', { name: 'Play' }).click());
    act(() => {
      vi.advanceTimersByTime(700);
    });
    act(() => screen.getByRole('button', { name: 'Pause' }).click());
    for (let i = 0; i < 5; i++)
      act(() => {
        vi.advanceTimersByTime(700);
      });
    expect(counter()).toHaveTextContent('2 / 8');
  });
});
