import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../src/app/bottom/Timeline.tsx';
import { refusedSteps, timelineRow } from '../../src/app/bottom/timelineRow.ts';
import { createAppStore } from '../../src/store/createAppStore.ts';
import { StoreProvider } from '../../src/store/StoreProvider.tsx';
import threeWqs from '../../src/scenarios/three-wqs.json';

describe('Timeline marks', () => {
  const store = createAppStore();
  store.getState().loadScenario(threeWqs, 'test');
  const { steps, lines } = store.getState();

  it('rows are numbered from 1 like the header; a refused step carries its errno', () => {
    expect(steps.length).toBe(18);
    expect(timelineRow(0, steps, lines, 18)).toEqual({ n: 0, text: 'start', when: 'past', refused: null });
    expect(timelineRow(1, steps, lines, 1)).toMatchObject({
      n: 1,
      when: 'current',
      refused: null,
      text: expect.stringMatching(/^addDevice id=dsa0/),
    });
    // Step 18 of the seed (line 17, 0-based in the runner), its last, is a createMdev the engine refuses.
    expect(refusedSteps(lines)).toEqual([18]);
    expect(timelineRow(18, steps, lines, 5)).toMatchObject({
      when: 'future',
      refused: { code: 'EBUSY' },
      text: expect.stringMatching(/^createMdev/),
    });
  });

  it('renders the refused step marked, with its count, and jumping to it works', () => {
    render(
      <StoreProvider store={store}>
        <Timeline />
      </StoreProvider>,
    );
    expect(screen.getByTestId('timeline-refused-count').textContent).toContain('1 refused (step 18)');
    const marked = screen.getAllByTestId('timeline-refused');
    expect(marked).toHaveLength(1);
    const button = within(marked[0]!).getByRole('button');
    expect(button.textContent).toMatch(/^18 · ✕ refused EBUSY: createMdev/);
    expect(button.getAttribute('title')).toContain('dsa0 WQ 1 is already used by mdev mdev1');
    store.getState().goTo(3);
    fireEvent.click(button);
    expect(store.getState().cursor).toBe(18);
    expect(screen.getByText(/State after step 18 of 18/)).toBeInTheDocument();
  });
});
