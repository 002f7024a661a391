import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeSvg } from '../../../src/app/export/serializeSvg.ts';
import { renderApp } from '../../helpers/renderApp.tsx';

let saved: { name: string; blob: Blob }[] = [];

beforeEach(() => {
  saved = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  // A subclass, so `new URL(…)` still works (the exporters are loaded with a dynamic import).
  vi.stubGlobal(
    'URL',
    class extends URL {
      static override createObjectURL(b: Blob) {
        const url = `blob:test/${n++}`;
        blobs.set(url, b);
        return url;
      }
      static override revokeObjectURL() {}
    },
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.getAttribute('href') ?? '');
    if (blob) saved.push({ name: this.download, blob });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const setup = () => renderApp();

describe('export menu', () => {
  it('Esc on the Diff dialog gives focus back to Export', async () => {
    const { user } = setup();
    await user.click(screen.getByTestId('export-menu'));
    await user.click(screen.getByTestId('export-diff'));
    await waitFor(() => expect(screen.getByTestId('diff-from')).toHaveFocus());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('export-menu')).toHaveFocus();
  });

  it('a download closes the menu and gives focus back to Export (not to the page top)', async () => {
    const { user } = setup();
    await user.click(screen.getByTestId('export-menu'));
    await user.click(screen.getByTestId('export'));
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['pasid-atlas-scenario.json']));
    expect(screen.queryByTestId('export-menu-list')).toBeNull();
    expect(screen.getByTestId('export-menu')).toHaveFocus();
  });

  it('serialises the graph SVG with node labels and an inlined background', () => {
    setup();
    const svg = screen.getByTestId('graph-svg') as unknown as SVGSVGElement;
    const out = serializeSvg(svg, { mode: 'view', background: '#ffffff' });
    expect(out.text).toContain('<svg');
    expect(out.text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(out.text).toContain('dsa0');
    expect(out.text).toContain('vm1.gpa.domain');
    expect(out.text).toContain('<rect x="0" y="0"');
    expect(out.text).not.toContain('class=');
    expect(new DOMParser().parseFromString(out.text, 'image/svg+xml').querySelector('parsererror')).toBeNull();
  });

  it('downloads the topology SVG from the menu: the whole graph, whole labels and the legend', async () => {
    const { user } = setup();
    await user.click(screen.getByTestId('export-menu'));
    await user.click(screen.getByTestId('export-topology-svg'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('pasid-atlas-topology.svg');
    const text = await saved[0]!.blob.text();
    expect(text).toContain('<svg');
    expect(text).toContain('mdev1');
    expect(text).toContain('0000:6a:01.0 rid 0x6a08');
    expect(text).not.toContain('…');
    expect(text).toContain('aux PASID');
    // The export renders off screen and leaves nothing behind.
    expect(document.querySelectorAll('[data-testid="graph-svg"]')).toHaveLength(1);
  });

  it('the scenario file is in the same menu', async () => {
    const { user } = setup();
    await user.click(screen.getByTestId('export-menu'));
    await user.click(screen.getByTestId('export'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('pasid-atlas-scenario.json');
    expect(await saved[0]!.blob.text()).toContain('pasid-atlas/scenario@1');
  });

  it('downloads the Markdown summary of the current state', async () => {
    const { user } = setup();
    await user.click(screen.getByTestId('export-menu'));
    await user.click(screen.getByTestId('export-markdown'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('pasid-atlas-summary.md');
    const md = await saved[0]!.blob.text();
    expect(md).toContain('# Three WQs: host, VM1, VM2');
    expect(md).toContain('| mdev1 | dsa0 | 1 | vm1 |');
  });

  it('downloads the walk summary SVG of the last DMA', async () => {
    const { user } = setup();
    await user.click(screen.getByTestId('export-menu'));
    await user.click(screen.getByTestId('export-walk-svg'));
    await waitFor(() => expect(saved).toHaveLength(1));
    const text = await saved[0]!.blob.text();
    expect(text).toContain('Fault: not-mapped');
    expect(text).toContain('pasid-table');
  });

  it('diffs with an earlier step and downloads the diff', async () => {
    const { store, user } = setup();
    await user.click(screen.getByTestId('export-menu'));
    await user.click(screen.getByTestId('export-diff'));
    const panel = await screen.findByTestId('diff-panel'); // its own chunk: loads on first open
    const attachStep = store.getState().steps.findIndex((s) => s.op === 'attach'); // before the attach
    await user.selectOptions(within(panel).getByTestId('diff-from'), String(attachStep));
    expect(within(panel).getByText('context[0x8] (dsa0)')).toBeInTheDocument();
    expect(within(panel).getAllByText('device:dsa0').length).toBeGreaterThan(0);
    await user.click(within(panel).getByTestId('diff-download'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('pasid-atlas-diff.md');
    expect(await saved[0]!.blob.text()).toContain(`# State diff: step ${attachStep} → step ${store.getState().cursor}`);
    await user.click(within(panel).getByTestId('diff-close'));
    expect(screen.queryByTestId('diff-panel')).toBeNull();
  });
});
