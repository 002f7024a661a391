import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DebugfsPanel } from '../../src/app/debugfs/DebugfsPanel.tsx';
import largePages from '../../src/scenarios/large-pages.json';
import { createAppStore } from '../../src/store/createAppStore.ts';
import { StoreProvider } from '../../src/store/StoreProvider.tsx';

function setup() {
  const store = createAppStore();
  store.getState().loadScenario(JSON.stringify(largePages));
  const user = userEvent.setup();
  render(
    <StoreProvider store={store}>
      <DebugfsPanel />
    </StoreProvider>,
  );
  return { store, user };
}

describe('DebugfsPanel', () => {
  it("exports text starting with the kernel's header", async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Export dmar_translation_struct' }));
    const out = screen.getByTestId<HTMLTextAreaElement>('debugfs-output');
    expect(out.value.startsWith('IOMMU dmar0: Root Table Address: 0x')).toBe(true);
    expect(out.value.split('\n')[1]).toBe('B.D.F\tRoot_entry\t\t\t\tContext_entry\t\t\t\tPASID\tPASID_table_entry');
    await user.click(screen.getByRole('button', { name: 'Export domain_translation_struct…' }));
    expect(
      screen
        .getByTestId<HTMLTextAreaElement>('debugfs-output')
        .value.startsWith('Device 0000:3b:00.0 with pasid 0 @0x'),
    ).toBe(true);
  });

  it('a bad import lists the problem line and keeps the current state', async () => {
    const { store, user } = setup();
    const before = store.getState().steps;
    await user.type(
      screen.getByTestId('debugfs-input'),
      'IOMMU dmar0: Root Table Address: 0x1000{enter}this is not debugfs',
    );
    await user.click(screen.getByRole('button', { name: 'Import debugfs text…' }));
    const alert = screen.getByRole('alert');
    expect(
      within(alert).getByText(/Line 2: not a line of dmar_translation_struct or domain_translation_struct/),
    ).toBeInTheDocument();
    expect(store.getState().steps).toBe(before);
  });

  it('a good import loads the rebuilt scenario', async () => {
    const { store, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Export dmar_translation_struct' }));
    const text = screen.getByTestId<HTMLTextAreaElement>('debugfs-output').value;
    await user.click(screen.getByTestId('debugfs-input'));
    await user.paste(text);
    await user.click(screen.getByRole('button', { name: 'Import debugfs text…' }));
    expect(screen.getByTestId('debugfs-note')).toHaveTextContent(/Imported 3 steps/);
    expect(store.getState().title).toBe('Imported from debugfs');
    expect(store.getState().steps[0]).toMatchObject({ op: 'addDevice', bdf: '0000:3b:00.0' });
  });

  it('100,000 bad lines: the first 50 are listed, then how many more', async () => {
    const { store, user } = setup();
    const before = store.getState().steps;
    const input = screen.getByTestId('debugfs-input');
    fireEvent.change(input, { target: { value: Array.from({ length: 100_000 }, (_, i) => `junk ${i}`).join('\n') } });
    await user.click(screen.getByRole('button', { name: 'Import debugfs text…' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The text was not imported (100,000 problems); the current state is unchanged.');
    expect(within(alert).getAllByRole('listitem')).toHaveLength(50);
    expect(screen.getByTestId('debugfs-more-problems')).toHaveTextContent('…and 99,950 more.');
    expect(store.getState().steps).toBe(before);
  });

  it('a 10 MB line is shown clipped, not in full', async () => {
    const { user } = setup();
    fireEvent.change(screen.getByTestId('debugfs-input'), { target: { value: 'x'.repeat(10_000_000) } });
    await user.click(screen.getByRole('button', { name: 'Import debugfs text…' }));
    const code = within(screen.getByRole('alert')).getByText(/characters\)$/);
    expect(code.textContent.length).toBeLessThan(300);
  });

  it('a dump with no entries does not replace the document, and says so', async () => {
    const { store, user } = setup();
    const before = store.getState().steps;
    await user.type(screen.getByTestId('debugfs-input'), 'IOMMU dmar0: Root Table Address: 0x1000{enter}');
    await user.click(screen.getByRole('button', { name: 'Import debugfs text…' }));
    expect(screen.getByTestId('debugfs-note')).toHaveTextContent(
      /^The dump has no entries .*nothing was imported and the current document is unchanged\. Note: the text stops after/,
    );
    expect(store.getState().steps).toBe(before);
  });
});
