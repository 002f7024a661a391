import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { createAppStore } from '../../src/store/createAppStore.ts';

// Apply starts the form over from the new state (a fresh form): a keyboard user's focus stays on
// the control they used in the new form instead of falling to the page's top.

describe('focus after Apply', () => {
  it('Enter on a guided action’s field applies it and keeps focus on that field of the fresh form', async () => {
    const store = createAppStore();
    const user = userEvent.setup();
    render(<App store={store} />);
    await user.selectOptions(screen.getByTestId('intent-picker'), 'add-dsa');
    await user.click(within(screen.getByTestId('intent-add-dsa')).getByTestId('field-wqs'));
    await user.keyboard('{Enter}');
    expect(store.getState().steps).toHaveLength(1);
    await waitFor(() => expect(within(screen.getByTestId('intent-add-dsa')).getByTestId('field-wqs')).toHaveFocus());
    // The fresh form's defaults moved on: the next DSA.
    expect(within(screen.getByTestId('intent-add-dsa')).getByTestId('field-id')).toHaveValue('dsa1');
  });

  it('Apply on a raw op’s form keeps focus on its Apply button', async () => {
    const store = createAppStore();
    const user = userEvent.setup();
    render(<App store={store} />);
    await user.selectOptions(screen.getByTestId('op-picker'), 'addDevice');
    await user.click(within(screen.getByTestId('form-addDevice')).getByTestId('apply-addDevice'));
    expect(store.getState().steps).toHaveLength(1);
    await waitFor(() =>
      expect(within(screen.getByTestId('form-addDevice')).getByTestId('apply-addDevice')).toHaveFocus(),
    );
  });
});
