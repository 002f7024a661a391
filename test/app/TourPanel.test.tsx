import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { createAppStore } from '../../src/store/createAppStore.ts';
import { stepsThrough, tourById } from '../../src/tours/index.ts';

describe('tour panel', () => {
  it('J/K and arrows step through the store history; Esc leaves with the state kept', () => {
    const store = createAppStore();
    const tour = tourById('three-wqs')!;
    render(<App store={store} route={{ view: 'tour', tour: 'three-wqs', stop: 3 }} />);
    expect(screen.getByTestId('tour-counter')).toHaveTextContent(`Stop 3 of ${tour.stops.length}`);
    expect(store.getState().cursor).toBe(stepsThrough(tour, 2));
    act(() => void fireEvent.keyDown(window, { key: 'j' }));
    expect(screen.getByTestId('tour-counter')).toHaveTextContent('Stop 4 of');
    expect(store.getState().cursor).toBe(stepsThrough(tour, 3));
    act(() => void fireEvent.keyDown(window, { key: 'ArrowLeft' }));
    act(() => void fireEvent.keyDown(window, { key: 'k' }));
    expect(screen.getByTestId('tour-counter')).toHaveTextContent('Stop 2 of');
    expect(store.getState().cursor).toBe(stepsThrough(tour, 1));
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    expect(screen.queryByTestId('tour-panel')).toBeNull();
    expect(store.getState().cursor).toBe(stepsThrough(tour, 1));
  });

  it('glossary terms are focusable buttons described by their definition', () => {
    render(<App route={{ view: 'tour', tour: 'three-wqs', stop: 1 }} />);
    const term = screen.getAllByRole('button', { description: /Process Address Space ID/ })[0]!;
    expect(term).toHaveTextContent('PASID');
  });

  it('one counter; Undo/Redo and Ctrl+Z are off during a tour; leaving shows the document title again', () => {
    const store = createAppStore();
    const tour = tourById('three-wqs')!;
    render(<App store={store} route={{ view: 'tour', tour: 'three-wqs', stop: 6 }} />);
    expect(screen.getByTestId('step-count')).toHaveTextContent(`stop 6 of ${tour.stops.length}`);
    expect(screen.getByTestId('doc-title')).toHaveTextContent('Tour: The three WQs');
    expect(screen.getByTestId('undo')).toBeDisabled();
    expect(screen.getByTestId('redo')).toBeDisabled();
    const cursor = store.getState().cursor;
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true, shiftKey: true }));
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));
    expect(store.getState().cursor).toBe(cursor);
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    expect(screen.getByTestId('doc-title').textContent).toBe('The three WQs');
    expect(screen.getByTestId('step-count')).toHaveTextContent(
      `step ${cursor}/${stepsThrough(tour, tour.stops.length - 1)}`,
    );
    expect(screen.getByTestId('undo')).toBeEnabled();
    expect(screen.getByTestId('redo')).toBeEnabled();
  });

  it('a stop with no DMA opens the event log, and the walk says whose walk it is', () => {
    const store = createAppStore();
    render(<App store={store} route={{ view: 'tour', tour: 'three-wqs', stop: 5 }} />);
    expect(store.getState().tab).toBe('log');
    act(() => store.getState().setTab('walk'));
    expect(screen.getByTestId('tour-walk-note')).toHaveTextContent(
      'Stop 5 makes no DMA. The walk below is the one from stop 4.',
    );
  });

  it('the last stop offers an exercise', () => {
    const tour = tourById('three-wqs')!;
    render(<App route={{ view: 'tour', tour: 'three-wqs', stop: tour.stops.length }} />);
    expect(screen.getByTestId('tour-exercise').getAttribute('href')).toMatch(/^#exercise=\d+$/);
  });
});
