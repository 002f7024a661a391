import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { matchItems } from '../../src/app/palette/match.ts';
import { PALETTE_ITEMS } from '../../src/app/palette/paletteItems.ts';
import { usePalette } from '../../src/app/palette/paletteState.ts';
import { createAppStore } from '../../src/store/createAppStore.ts';

function setup() {
  const store = createAppStore();
  const user = userEvent.setup();
  render(<App store={store} />);
  return { store, user };
}

const titles = (q: string) => matchItems(PALETTE_ITEMS, q).map((i) => i.title);

describe('command palette', () => {
  beforeEach(() => usePalette.setState({ open: false }));

  it('matches by words, camelCase parts and letters in order', () => {
    expect(titles('give host wq')[0]).toBe('Give the host a WQ through a DMA domain');
    expect(titles('allocDomain')[0]).toBe('allocDomain');
    expect(titles('alloc dom')).toContain('allocDomain');
    expect(titles('aldom')).toContain('allocDomain');
    expect(titles('mdev vm')[0]).toBe('Give a VM a WQ as an mdev');
    expect(titles('trace')[0]).toBe('Trace a DMA');
    expect(titles('zzzz')).toEqual([]);
    // Blank: every guided action and all the raw ops.
    expect(titles('')).toHaveLength(PALETTE_ITEMS.length);
    expect(PALETTE_ITEMS.filter((i) => i.target.kind === 'op')).toHaveLength(40); // every op of the catalog, svaUnbind and hwptInvalidate included
  });

  it('Ctrl+K opens a named dialog with a combobox; typing filters; Enter opens the action’s form', async () => {
    const { store, user } = setup();
    act(() => {
      fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    });
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    const input = within(dialog).getByRole('combobox', { name: 'Find an action or op' });
    expect(input).toHaveFocus();
    expect(within(dialog).getByRole('listbox', { name: 'Actions and ops' })).toBeInTheDocument();
    await user.type(input, 'map memory');
    const options = within(dialog).getAllByRole('option');
    expect(options[0]).toHaveTextContent('Map memory into a domain');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[0]?.id);
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().form.intent).toBe('map');
    expect(screen.getByTestId('intent-map')).toBeInTheDocument();
  });

  it('arrows move the active option; a raw op opens its form; Esc closes and gives focus back', async () => {
    const { store, user } = setup();
    const button = screen.getByTestId('palette-button');
    await user.click(button);
    const input = screen.getByTestId('palette-input');
    await user.type(input, 'detach');
    const names = within(screen.getByRole('listbox'))
      .getAllByRole('option')
      .map((o) => o.querySelector('.combo-main')?.textContent);
    expect(names.slice(0, 3)).toEqual(['detach', 'auxDetach', 'deviceDetach']);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}{Enter}');
    expect(store.getState().form).toMatchObject({ op: 'auxDetach', intent: null });
    expect(screen.getByTestId('form-auxDetach')).toBeInTheDocument();
    await user.click(button);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('says so when nothing matches, and a click on an option runs it', async () => {
    const { store, user } = setup();
    await user.click(screen.getByTestId('palette-button-panel'));
    await user.type(screen.getByTestId('palette-input'), 'qqqq');
    expect(screen.getByText('Nothing matches “qqqq”.')).toBeInTheDocument();
    expect(screen.getByTestId('palette-count')).toHaveTextContent('0 matches');
    await user.clear(screen.getByTestId('palette-input'));
    await user.type(screen.getByTestId('palette-input'), 'nic');
    await user.click(screen.getByTestId('palette-intent-add-nic'));
    expect(store.getState().form.intent).toBe('add-nic');
  });
});
