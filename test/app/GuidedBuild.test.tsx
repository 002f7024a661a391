import { fireEvent, screen, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { currentState } from '../../src/store/createAppStore.ts';
import { renderApp } from '../helpers/renderApp.tsx';

const setup = (load = false) => renderApp({ seed: load });
type User = ReturnType<typeof userEvent.setup>;

async function pickIntent(user: User, id: string) {
  await user.selectOptions(screen.getByTestId('intent-picker'), id);
  return screen.getByTestId(`intent-${id}`);
}

describe('guided building', () => {
  it('a recipe is its ops in the event log and one undo step', async () => {
    const { store, user } = setup();
    await user.click(within(await pickIntent(user, 'add-dsa')).getByTestId('apply-intent'));
    const form = await pickIntent(user, 'host-wq');
    expect(within(form).getByTestId('intent-ops')).toHaveTextContent(
      'Runs 4 ops, undone as one: allocDomain → attach → useWq → map',
    );
    await user.click(within(form).getByTestId('apply-intent'));
    await user.click(screen.getByTestId('tab-log'));
    const entries = screen.getAllByTestId('log-entry').map((e) => e.textContent ?? '');
    expect(entries).toHaveLength(5);
    expect(entries[1]).toContain('allocDomain id=domain1 type=DMA');
    expect(entries[4]).toContain('map domain=domain1 iova=0xffff0000');
    await user.click(screen.getByTestId('undo'));
    expect(store.getState().cursor).toBe(1);
    expect(currentState(store.getState()).domains.size).toBe(0);
    await user.click(screen.getByTestId('redo'));
    expect(store.getState().cursor).toBe(5);
  });

  it('a recipe with a refused op changes nothing and names the op', async () => {
    const { store, user } = setup(true);
    const before = store.getState().steps;
    const form = await pickIntent(user, 'vm-mdev');
    // Every WQ of dsa0 is taken in the seed: the picker says by whom, and the recipe is refused whole.
    expect(within(form).getByTestId('field-wq')).toHaveDisplayValue('wq0.0 — host driver');
    expect(within(form).getByText(/WQ1–WQ3 are wq0\.0–wq0\.2/)).toBeInTheDocument();
    await user.click(within(form).getByTestId('apply-intent'));
    const alert = within(form).getByRole('alert');
    expect(alert).toHaveTextContent('EBUSY');
    expect(alert).toHaveTextContent('step 2 of 3 (createMdev) was refused, so nothing was applied');
    expect(store.getState().steps).toBe(before);
    expect(currentState(store.getState()).vms.has('vm3')).toBe(false);
  });

  it('defaults come from the state: ids advance after a success, deleted objects go after Reset', async () => {
    const { store, user } = setup();
    let form = await pickIntent(user, 'create-vm');
    expect(within(form).getByTestId('field-id')).toHaveValue('vm1');
    expect(within(form).getByTestId('field-hpa')).toHaveValue('0x40000000');
    await user.click(within(form).getByTestId('apply-intent'));
    form = screen.getByTestId('intent-create-vm');
    expect(within(form).getByTestId('field-id')).toHaveValue('vm2');
    expect(within(form).getByTestId('field-hpa')).toHaveValue('0x80000000');
    await user.click(within(form).getByTestId('apply-intent'));
    expect(store.getState().lastError).toBeNull();
    // The raw form too: after addDevice, the next id and BDF are free ones.
    await user.selectOptions(screen.getByTestId('op-picker'), 'addDevice');
    await user.click(screen.getByTestId('apply-addDevice'));
    expect(screen.getByTestId('field-id')).toHaveValue('dsa1');
    expect(screen.getByTestId('field-bdf')).toHaveValue('0000:6a:02.0');
    await user.selectOptions(screen.getByTestId('op-picker'), 'assign');
    expect([...screen.getByTestId<HTMLSelectElement>('field-vm').options].map((o) => o.value)).toEqual(['vm1', 'vm2']);
    store.getState().reset();
    expect(await screen.findByTestId('form-assign')).toBeInTheDocument();
    expect([...screen.getByTestId<HTMLSelectElement>('field-vm').options].map((o) => o.value)).toEqual(['']);
    expect(screen.getByTestId('field-vm')).toHaveDisplayValue('— none yet —');
  });

  it('WQ pickers use idxd names; the DMA form offers the device’s mapped ranges and starts on one', async () => {
    const { store, user } = setup(true);
    await user.selectOptions(screen.getByTestId('op-picker'), 'createMdev');
    const wqs = [...screen.getByTestId<HTMLSelectElement>('field-wq').options].map((o) => o.textContent);
    expect(wqs).toEqual(['wq0.0 — host driver', 'wq0.1 — mdev1', 'wq0.2 — mdev2']);
    const form = await pickIntent(user, 'dma');
    const device = within(form).getByTestId('field-device');
    expect(device).toHaveValue('dsa0');
    const ranges = [...within(form).getByTestId<HTMLSelectElement>('field-range').options].map((o) => o.textContent);
    expect(ranges[0]).toBe('0xffff0000 (64KiB, rw) in domain1, no PASID');
    expect(ranges).toContain('0x0 (1GiB, rw) in vm1.gpa.domain, PASID 1');
    expect(within(form).getByTestId('field-iova')).toHaveValue('0xffff0000');
    await user.selectOptions(device, 'mdev2');
    expect(within(form).getByTestId('field-range')).toHaveDisplayValue('0x0 (1GiB, rw) in vm2.gpa.domain, PASID 2');
    await user.clear(within(form).getByTestId('field-iova'));
    await user.type(within(form).getByTestId('field-iova'), '0x2000');
    await user.click(within(form).getByTestId('apply-intent'));
    expect(store.getState().lastDma?.result).toMatchObject({ outcome: 'translated', pa: 0x80002000n });
    expect(screen.getByTestId('tab-walk')).toHaveAttribute('aria-selected', 'true');
    // The form keeps its values for the next trace.
    expect(within(screen.getByTestId('intent-dma')).getByTestId('field-iova')).toHaveValue('0x2000');
  });

  it('a WQ node’s menu opens the guided recipe prefilled with that WQ', async () => {
    const { store, user } = setup();
    await user.click(within(await pickIntent(user, 'add-dsa')).getByTestId('apply-intent'));
    fireEvent.contextMenu(screen.getByTestId('node-wq:dsa0/2'));
    await user.click(
      within(screen.getByTestId('node-menu')).getByRole('menuitem', { name: 'Give to a VM as an mdev…' }),
    );
    const form = screen.getByTestId('intent-vm-mdev');
    expect(within(form).getByTestId('field-wq')).toHaveDisplayValue('wq0.2 — free');
    expect(within(form).getByTestId('field-vm')).toHaveDisplayValue('a new VM');
    await user.click(within(form).getByTestId('apply-intent'));
    expect(store.getState().steps.map((x) => x.op)).toEqual(['addDevice', 'createVm', 'createMdev', 'assign']);
    expect(store.getState().steps[2]).toMatchObject({ wq: 2 });
  });
});
