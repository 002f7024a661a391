/** Paste a kernel log into the Faults tab → a table of explained events → Reproduce applies one undo step. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultLog } from '../../../src/app/review/FaultLog.tsx';
import { createAppStore, currentState } from '../../../src/store/createAppStore.ts';
import { StoreProvider } from '../../../src/store/StoreProvider.tsx';

// jsdom tests have no file: import.meta.url; vitest runs from the repository root.
const fixture = (f: string) => readFileSync(join(process.cwd(), 'test/fixtures/kernel-logs', f), 'utf8');

function setup() {
  const store = createAppStore();
  render(
    <StoreProvider store={store}>
      <FaultLog />
    </StoreProvider>,
  );
  return { store, user: userEvent.setup() };
}

async function paste(user: ReturnType<typeof userEvent.setup>, text: string) {
  const input = screen.getByTestId('explain-input');
  await user.click(input);
  await user.paste(text);
  await user.click(screen.getByTestId('explain-submit'));
}

describe('ExplainPanel', () => {
  it('explains every IOMMU fault of a pasted log, with glossary links', async () => {
    const { user } = setup();
    await paste(user, fixture('vtd-legacy-pasid-ffffffff.log') + '\n' + fixture('amd-read-of-writeonly.log'));
    expect(screen.getByTestId('explain-count')).toHaveTextContent('5 IOMMU fault events found.');
    const rows = screen.getAllByTestId('explain-row');
    expect(rows).toHaveLength(5);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['2', '0000:02:00.0', '—', '0x791dd000', 'read', 'no-context']));
    expect(within(rows[0]!).getByText('0x2')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Present bit in context entry is clear')).toBeInTheDocument();
    // "Failed in" links to the glossary entry of the structure.
    expect(within(rows[0]!).getByRole('button', { name: 'context entry' })).toHaveAttribute(
      'data-term',
      'gloss-context-entry',
    );
    expect(within(rows[3]!).getByTestId('explain-fault')).toHaveTextContent('read-denied');
  });

  it('says so when nothing is found', async () => {
    const { user } = setup();
    await paste(user, 'usb 1-1: new high-speed USB device number 2 using xhci_hcd');
    expect(screen.getByTestId('explain-count')).toHaveTextContent('No IOMMU fault line found in the text.');
    expect(screen.queryByTestId('explain-table')).toBeNull();
  });

  it('reproduce builds the fault in one undo step and switches to the walk', async () => {
    const { store, user } = setup();
    await paste(user, fixture('vtd-usb-addr0-5x.log'));
    await user.click(screen.getByTestId('explain-reproduce'));
    const s = store.getState();
    expect(s.steps.map((st) => st.op)).toEqual(['addDevice', 'allocDomain', 'attach', 'map', 'dma']);
    expect(s.lastDma?.result).toMatchObject({ outcome: 'fault', fault: 'write-denied' });
    expect(s.tab).toBe('walk');
    expect(currentState(s).faults).toHaveLength(1);
    s.undo();
    expect(store.getState().cursor).toBe(0);
  });

  it('a fault that cannot be reproduced here says why, and changes nothing', async () => {
    const { store, user } = setup();
    await paste(user, fixture('amd-read-of-writeonly.log'));
    await user.click(screen.getAllByTestId('explain-reproduce')[0]!);
    expect(screen.getByTestId('explain-status')).toHaveTextContent(
      'Line 1 cannot be reproduced here: This is an AMD-Vi fault but the workbench models VT-d',
    );
    expect(store.getState().steps).toHaveLength(0);
  });
});
