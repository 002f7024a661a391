import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { createAppStore } from '../../../src/store/createAppStore.ts';

// The ⋯ menu on a phone: an action that opens no dialog closes the menu and gives focus back to ⋯,
// so a keyboard user is not dropped at the page's top (nor left with the menu over the graph).

function openMenu() {
  const store = createAppStore();
  const user = userEvent.setup();
  render(<App store={store} />);
  return { store, user };
}

describe('⋯ menu focus', () => {
  it('Copy share link closes the menu and focus returns to ⋯', async () => {
    const { user } = openMenu();
    await user.click(screen.getByTestId('more-menu'));
    await user.click(within(screen.getByTestId('more-menu-list')).getByRole('button', { name: 'Copy share link' }));
    await waitFor(() => expect(screen.queryByTestId('more-menu-list')).toBeNull());
    expect(screen.getByTestId('more-menu')).toHaveFocus();
  });

  it('picking a scenario in the menu loads it, closes the menu and focus returns to ⋯', async () => {
    const { store, user } = openMenu();
    await user.click(screen.getByTestId('more-menu'));
    await user.selectOptions(screen.getByTestId('scenario-picker-menu'), 'three-wqs-amd.json');
    await waitFor(() => expect(store.getState().platform.iommu).toBe('amd-vi'));
    await waitFor(() => expect(screen.queryByTestId('more-menu-list')).toBeNull());
    expect(screen.getByTestId('more-menu')).toHaveFocus();
  });

  it('Reset to empty closes the menu and focus returns to ⋯', async () => {
    const { user } = openMenu();
    await user.click(screen.getByTestId('more-menu'));
    await user.click(screen.getByTestId('reset'));
    expect(screen.queryByTestId('more-menu-list')).toBeNull();
    expect(screen.getByTestId('more-menu')).toHaveFocus();
  });
});

describe('the header note', () => {
  it('“Share link …” goes once the document changes (the link no longer holds it)', async () => {
    const { store, user } = openMenu();
    await user.click(screen.getByTestId('share'));
    await waitFor(() => expect(screen.getByTestId('file-note')).toHaveTextContent(/^Share link/));
    store.getState().reset();
    await waitFor(() => expect(screen.queryByTestId('file-note')).toBeNull());
  });
});

describe('the scenario picker', () => {
  it('says which scenario it opened by the title the picker showed, not its file name', async () => {
    const { user } = openMenu();
    await user.selectOptions(screen.getByTestId('scenario-picker'), 'three-wqs-amd.json');
    await waitFor(() =>
      expect(screen.getByTestId('status-message')).toHaveTextContent(
        /^Opened the built-in scenario “Three WQs on AMD-Vi”\./,
      ),
    );
  });
});
