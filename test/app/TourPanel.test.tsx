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
});
