import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { FindBox } from '../../../src/app/graph/FindBox.tsx';
import { graphView } from '../../../src/app/graph/graphView.ts';
import { topologyOf } from '../../../src/engine/inspect/topology.ts';
import { createAppStore, currentState } from '../../../src/store/createAppStore.ts';
import { StoreProvider } from '../../../src/store/StoreProvider.tsx';
import threeWqs from '../../../src/scenarios/three-wqs.json';

function setup() {
  const store = createAppStore();
  store.getState().loadScenario(threeWqs);
  const user = userEvent.setup();
  const topology = topologyOf(currentState(store.getState()));
  render(
    <StoreProvider store={store}>
      <input aria-label="Other field" />
      <FindBox topology={topology} />
    </StoreProvider>,
  );
  return { store, user };
}

const press = (key: string) =>
  act(() => {
    fireEvent.keyDown(window, { key });
  });

describe('find box', () => {
  beforeEach(() => graphView.getState().reset());

  it('/ opens a labelled combobox over a listbox; Enter selects the best match and asks the graph to reveal it', async () => {
    const { store, user } = setup();
    press('/');
    const input = screen.getByRole('combobox', { name: 'Find a node' });
    expect(input).toHaveFocus();
    await user.type(input, 'vm2');
    const list = screen.getByRole('listbox', { name: 'Matching nodes' });
    const options = list.querySelectorAll('[role="option"]');
    expect(options[0]?.textContent).toContain('vm2');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[0]?.id);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Enter}');
    expect(store.getState().selection).toBe('vm2');
    expect(graphView.getState().reveal?.nodeId).toBe('vm:vm2');
    expect(screen.queryByRole('combobox', { name: 'Find a node' })).toBeNull();
  });

  it('arrows move the active option; a click picks one', async () => {
    const { store, user } = setup();
    press('/');
    const input = screen.getByRole('combobox', { name: 'Find a node' });
    await user.type(input, 'pasid');
    await user.keyboard('{ArrowDown}');
    const options = screen.getAllByRole('option');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[1]?.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(options[options.length - 1]).toHaveAttribute('aria-selected', 'true');
    await user.click(options[0]!);
    expect(store.getState().selection).toMatch(/^dsa0\/pasid\d$/);
  });

  it('finds by BDF and DID, says when nothing matches, Esc closes and gives focus back', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Find' }));
    const input = screen.getByRole('combobox', { name: 'Find a node' });
    await user.type(input, '0000:6a:01.0');
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('dsa0');
    await user.clear(input);
    await user.type(input, 'DID 2');
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('domain1');
    await user.clear(input);
    await user.type(input, 'nothing-here');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(screen.getByRole('status')).toHaveTextContent('No node matches “nothing-here”');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Find' })).toHaveFocus();
  });

  it('/ typed in a text field is text, not a shortcut', async () => {
    const { user } = setup();
    const other = screen.getByRole('textbox', { name: 'Other field' });
    await user.type(other, 'a/b');
    expect(other).toHaveValue('a/b');
    expect(screen.queryByRole('combobox', { name: 'Find a node' })).toBeNull();
  });
});
