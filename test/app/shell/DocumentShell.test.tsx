import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import sharedGpa from '../../../src/scenarios/shared-gpa.json';
import threeWqs from '../../../src/scenarios/three-wqs.json';
import { createAppStore } from '../../../src/store/createAppStore.ts';
import { createLibrary } from '../../../src/store/library.ts';
import { memoryBodyStore } from '../../../src/store/storage/idb.ts';
import { memoryStorage } from '../../helpers/memoryStorage.ts';

function setup() {
  const local = memoryStorage();
  const library = createLibrary({ local, bodies: memoryBodyStore(), delay: 0 });
  library.open();
  const store = createAppStore();
  library.attach(store);
  render(<App store={store} library={library} />);
  return { store, library, local, user: userEvent.setup() };
}

describe('status line, save warning and documents list', () => {
  it('a load over work says so in the status line, and its Undo brings the work back', async () => {
    const { store, user } = setup();
    act(() => void store.getState().loadScenario(sharedGpa, 'built-in scenario shared-gpa.json'));
    act(() => void store.getState().loadScenario(threeWqs, 'file three.json'));
    const status = screen.getByRole('status', { name: '' });
    expect(within(status).getByTestId('status-message')).toHaveTextContent(
      'Opened the file three.json; Undo brings back the previous document.',
    );
    await user.click(screen.getByTestId('status-undo'));
    expect(store.getState().title).toBe(sharedGpa.title);
    expect(screen.getByTestId('status-message')).toHaveTextContent(`Brought back “${sharedGpa.title}”.`);
  });

  it('Reset says it can be undone', async () => {
    const { store, user } = setup();
    act(() => void store.getState().loadScenario(sharedGpa));
    act(() => store.getState().reset());
    expect(screen.getByTestId('status-message')).toHaveTextContent(
      'Started an empty document; Undo brings back the previous one.',
    );
    await user.click(screen.getByTestId('status-undo'));
    expect(store.getState().steps.length).toBe(sharedGpa.steps.length);
  });

  it('the documents menu lists kept documents with their step count and reopens one', async () => {
    const { store, library, user } = setup();
    act(() => void store.getState().loadScenario(sharedGpa));
    await act(() => library.flush());
    act(() => void store.getState().loadScenario(threeWqs));
    await act(() => library.flush());
    await user.click(screen.getByTestId('documents-menu'));
    const items = screen.getAllByTestId('documents-open');
    expect(items.map((b) => b.textContent)).toEqual([
      expect.stringMatching(new RegExp(`^${threeWqs.title}open now · .* · ${threeWqs.steps.length} steps$`)),
      expect.stringMatching(new RegExp(`^${sharedGpa.title}.* · ${sharedGpa.steps.length} steps$`)),
    ]);
    expect(items[0]).toBeDisabled();
    await user.click(items[1]!);
    await waitFor(() => expect(store.getState().title).toBe(sharedGpa.title));
    expect(screen.getByTestId('status-message')).toHaveTextContent(
      `Opened the saved document “${sharedGpa.title}”; Undo brings back the previous document.`,
    );
  });

  it('a link’s document offers the saved work back', async () => {
    const { store, library, user } = setup();
    act(() => void store.getState().loadScenario(sharedGpa));
    await act(() => library.flush());
    act(() => void store.getState().loadScenario(threeWqs, 'share link', { origin: 'link' }));
    expect(screen.getByTestId('saved-work')).toHaveTextContent(
      `Your saved work, “${sharedGpa.title}” (${sharedGpa.steps.length} steps), is kept:`,
    );
    await user.click(screen.getByTestId('saved-work-open'));
    await waitFor(() => expect(store.getState().title).toBe(sharedGpa.title));
    expect(screen.queryByTestId('saved-work')).toBeNull();
  });

  it('autosave failing shows a persistent warning with what to do', async () => {
    const { store, library, local } = setup();
    local.failWith = Object.assign(new Error('denied'), { name: 'SecurityError' });
    act(() => void store.getState().loadScenario(sharedGpa));
    await act(() => library.flush());
    // IndexedDB (the memory stand-in) took the body, but the index could not be written.
    expect(screen.getByTestId('save-warning')).toHaveTextContent(
      /^Autosave failed: the list of saved documents could not be written \(storage refused it\)\. Export the scenario/,
    );
    expect(screen.getByRole('button', { name: 'Export now' })).toBeInTheDocument();
  });
});
