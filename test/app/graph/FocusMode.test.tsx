/** Focus mode in the workbench: the Focus toggle, F and Esc, what is dimmed, what is announced. */
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../helpers/renderApp.tsx';

const setup = (selection: string | null) => renderApp({ selection });
const focusOf = (id: string) => screen.getByTestId(`node-${id}`).getAttribute('data-focus');
const lit = () => document.querySelectorAll('[data-focus="in"]').length;
const dimmed = () => document.querySelectorAll('[data-focus="out"]').length;

describe('focus mode', () => {
  it('needs a selection', () => {
    setup(null);
    expect(screen.getByTestId('focus-mode')).toBeDisabled();
    fireEvent.keyDown(window, { key: 'f' });
    expect(lit()).toBe(0);
  });

  it("F dims everything off the VM's paths; Esc leaves; both are announced", async () => {
    const { user } = setup('vm1');
    await user.keyboard('f');
    expect(screen.getByTestId('focus-mode')).toHaveAttribute('aria-pressed', 'true');
    for (const id of ['vm:vm1', 'mdev:mdev1', 'wq:dsa0/1', 'device:dsa0', 'pasid:dsa0/1', 'domain:vm1.gpa.domain'])
      expect(focusOf(id)).toBe('in');
    for (const id of ['vm:vm2', 'mdev:mdev2', 'domain:domain1', 'iommu']) expect(focusOf(id)).toBe('out');
    expect(lit()).toBe(7);
    expect(dimmed()).toBe(document.querySelectorAll('[data-node]').length - 7);
    expect(dimmed()).toBeGreaterThan(0);
    expect(screen.getByTestId('node-vm:vm2')).toHaveClass('dimmed');
    expect(screen.getByTestId('focus-status')).toHaveTextContent('Focus on vm1: 6 objects on its paths');
    await user.keyboard('{Escape}');
    expect(lit()).toBe(0);
    expect(screen.getByTestId('focus-status')).toHaveTextContent('Focus mode off.');
  });

  it('follows the selection and ends with it; the toolbar button toggles it', async () => {
    const { store, user } = setup('vm2');
    await user.click(screen.getByTestId('focus-mode'));
    expect(focusOf('mdev:mdev2')).toBe('in');
    act(() => store.getState().select('domain1'));
    expect(focusOf('mdev:mdev2')).toBe('out');
    expect(focusOf('wq:dsa0/0')).toBe('in');
    act(() => store.getState().select(null));
    expect(lit()).toBe(0);
    expect(store.getState().focusMode).toBe(false);
  });

  it('F typed in a text field is text, not a toggle', async () => {
    const { store, user } = setup('vm1');
    const field = screen.getAllByRole('textbox')[0]!;
    await user.click(field);
    await user.keyboard('f');
    expect(store.getState().focusMode).toBe(false);
  });
});
