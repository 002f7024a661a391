import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import threeWqs from '../../src/scenarios/three-wqs.json';
import { createAppStore } from '../../src/store/createAppStore.ts';

const THREE_WQS = JSON.stringify(threeWqs);

function setup(load = false) {
  const store = createAppStore();
  if (load) store.getState().loadScenario(THREE_WQS);
  const user = userEvent.setup();
  render(<App store={store} />);
  return { store, user };
}

async function pickOp(user: ReturnType<typeof userEvent.setup>, op: string) {
  await user.selectOptions(screen.getByTestId('op-picker'), op);
  return screen.getByTestId(`form-${op}`);
}

describe('workbench', () => {
  it('a form applies a command and the event log shows it', async () => {
    const { store, user } = setup();
    const form = await pickOp(user, 'addDevice');
    await user.click(within(form).getByTestId('apply-addDevice'));
    expect(store.getState().steps).toHaveLength(1);
    await user.click(screen.getByTestId('tab-log'));
    const entries = screen.getAllByTestId('log-entry');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toHaveTextContent('addDevice id=dsa0 bdf=0000:6a:01.0 kind=parent wqs=3 rid=0x6a08');
    expect(screen.getByTestId('graph-count')).toHaveTextContent('5 nodes');
  });

  it('the addDevice form offers the ATS capability and applies it', async () => {
    const { store, user } = setup();
    const form = await pickOp(user, 'addDevice');
    await user.selectOptions(within(form).getByTestId('field-ats'), 'true');
    await user.click(within(form).getByTestId('apply-addDevice'));
    expect(store.getState().steps).toHaveLength(1);
    expect(store.getState().steps[0]).toMatchObject({ op: 'addDevice', ats: true });
  });

  it('a refused command shows the errno and changes nothing', async () => {
    const { store, user } = setup(true);
    const before = store.getState().steps;
    const form = await pickOp(user, 'addDevice');
    // The form offers a free id (dsa1); naming the taken one is refused.
    expect(within(form).getByTestId('field-id')).toHaveValue('dsa1');
    await user.clear(within(form).getByTestId('field-id'));
    await user.type(within(form).getByTestId('field-id'), 'dsa0');
    await user.click(within(form).getByTestId('apply-addDevice'));
    expect(within(form).getByRole('alert')).toHaveTextContent('EEXIST');
    expect(store.getState().steps).toBe(before);
  });

  it('a malformed value is refused before the engine with the field named', async () => {
    const { store, user } = setup(true);
    const form = await pickOp(user, 'map');
    const iova = within(form).getByTestId('field-iova');
    await user.clear(iova);
    await user.type(iova, 'zzz');
    await user.click(within(form).getByTestId('apply-map'));
    // At the field, in the form's words (the scenario file's wording is Import's: test/app/FormIssue.test.tsx).
    expect(within(form).getByTestId('field-error')).toHaveTextContent('iova: expected a hex address such as 0x1000');
    expect(iova).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().steps).toHaveLength(18);
  });

  it('undo and redo buttons move through the log', async () => {
    const { store, user } = setup(true);
    expect(screen.getByTestId('step-count')).toHaveTextContent('step 18/18');
    expect(screen.getByTestId('redo')).toBeDisabled();
    await user.click(screen.getByTestId('undo'));
    await user.click(screen.getByTestId('undo'));
    expect(screen.getByTestId('step-count')).toHaveTextContent('step 16/18');
    await user.click(screen.getByTestId('redo'));
    expect(store.getState().cursor).toBe(17);
    act(() => {
      fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    });
    expect(store.getState().cursor).toBe(16);
    act(() => {
      fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    });
    expect(store.getState().cursor).toBe(17);
  });

  it('importing a bad file shows the parser message and keeps the state', async () => {
    const { store, user } = setup(true);
    const before = store.getState().steps;
    const bad = new File(
      [
        JSON.stringify({
          format: 'pasid-atlas/scenario@1',
          steps: [{ op: 'dma', device: 'x', iova: '12', access: 'read' }],
        }),
      ],
      'bad.json',
      { type: 'application/json' },
    );
    await user.upload(screen.getByTestId('import-file'), bad);
    expect(await screen.findByTestId('error-banner')).toHaveTextContent(
      'The file bad.json was rejected: steps[0].iova: expected a hex string',
    );
    expect(store.getState().steps).toBe(before);
    expect(screen.getByTestId('step-count')).toHaveTextContent('step 18/18');
  });

  it('a DMA from the form shows where the PA landed in the Walk tab', async () => {
    const { user } = setup(true);
    await user.click(screen.getByTestId('tab-log'));
    const form = await pickOp(user, 'dma');
    await user.selectOptions(within(form).getByTestId('field-device'), 'mdev2');
    // The IOVA starts on the device's first mapped range (GPA 0 of vm2).
    expect(within(form).getByTestId('field-iova')).toHaveValue('0x0');
    await user.clear(within(form).getByTestId('field-iova'));
    await user.type(within(form).getByTestId('field-iova'), '0x2000');
    await user.click(within(form).getByTestId('apply-dma'));
    expect(screen.getByTestId('tab-walk')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('dma-pa')).toHaveTextContent('0x80002000');
    expect(screen.getByTestId('dma-vm')).toHaveTextContent('vm2');
  });

  it('graph nodes are buttons: Enter selects, the context menu offers actions', async () => {
    const { store, user } = setup(true);
    const node = screen.getByTestId('node-mdev:mdev1');
    node.focus();
    await user.keyboard('{Enter}');
    expect(store.getState().selection).toBe('mdev1');
    fireEvent.contextMenu(node);
    const menu = screen.getByTestId('node-menu');
    await user.click(within(menu).getByRole('menuitem', { name: 'Trace DMA from here…' }));
    expect(store.getState().form).toMatchObject({ op: 'dma', prefill: { device: 'mdev1' } });
    // Focus goes on into the form the action opened, not to the page's top.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-device')));
  });

  it("an action done from a node's menu gives focus back to the node", async () => {
    const { store, user } = setup(true);
    const before = store.getState().steps.length;
    fireEvent.contextMenu(screen.getByTestId('node-mdev:mdev1'));
    const menu = screen.getByTestId('node-menu');
    await user.click(within(menu).getByRole('menuitem', { name: /^Unassign from vm/ }));
    expect(store.getState().steps.length).toBe(before + 1);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('node-mdev:mdev1')));
  });

  it("Escape closes a node's menu with focus back on its node at once, and Tab then leaves the graph", async () => {
    const { user } = setup(true);
    const node = screen.getByTestId('node-mdev:mdev1');
    fireEvent.contextMenu(node);
    within(screen.getByTestId('node-menu')).getAllByRole('menuitem')[0]!.focus();
    fireEvent.keyDown(screen.getByTestId('node-menu'), { key: 'Escape' });
    // No frame waited: a Tab pressed right away must start from the node (it did not on a busy CI).
    expect(document.activeElement).toBe(node);
    await user.tab();
    expect(document.activeElement?.closest('[data-testid="graph-svg"]')).toBeNull();
  });

  it('the detail tabs: ←/→ move along them, wrapping round; Home and End jump to the first and the last', async () => {
    const { user } = setup(true);
    screen.getByRole('tab', { name: 'Walk' }).focus();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Workloads' })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: 'Walk', selected: true })).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Workloads', selected: true })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Walk', selected: true })).toHaveFocus();
  });
});
