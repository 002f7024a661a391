import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { pageSizeLabel } from '../../src/app/walk/labels.ts';
import { ResultHeader } from '../../src/app/walk/ResultHeader.tsx';
import { WalkView } from '../../src/app/walk/WalkView.tsx';
import { faulted, translated } from '../helpers/engine.ts';
import { parseScenarioValue, runScenario } from '../../src/engine/index.ts';
import nestedSmmu from '../../src/scenarios/nested-smmuv3.json';
import { resultOf, runThreeWqs } from './walkFixture.ts';

const run = runThreeWqs();
const walkOf = (i: number) => resultOf(run, i);

describe('ResultHeader: the outcome first', () => {
  it('translated: the PA, the VM and its GPA, IOTLB miss and the page size', () => {
    const w = walkOf(13);
    render(<ResultHeader result={w} iommu="vtd" />);
    const header = screen.getByTestId('walk-result');
    expect(screen.getByTestId('result-pa')).toHaveTextContent('0x40002000');
    expect(screen.getByTestId('result-vm')).toHaveTextContent('vm1');
    expect(header).toHaveTextContent('GPA 0x2000');
    expect(screen.getByTestId('result-iotlb')).toHaveTextContent('IOTLB miss');
    expect(header).toHaveTextContent(`${pageSizeLabel(translated(w).pageSize)} page`);
  });

  it('a host DMA says host memory', () => {
    render(<ResultHeader result={walkOf(12)} iommu="vtd" />);
    expect(screen.getByTestId('walk-result')).toHaveTextContent('Translated to PA 0x10001234 (host memory)');
  });

  it('an IOTLB hit says hit', () => {
    render(<ResultHeader result={walkOf(15)} iommu="vtd" />);
    expect(screen.getByTestId('result-iotlb')).toHaveTextContent('IOTLB hit');
    expect(screen.getByTestId('result-pa')).toHaveTextContent('0x40002abc');
  });

  it('a fault: its name, the reason in plain words, and a link to the failing read', async () => {
    const user = userEvent.setup();
    const onGoTo = vi.fn();
    const fault = walkOf(16);
    render(<ResultHeader result={fault} iommu="vtd" onGoTo={onGoTo} />);
    expect(screen.getByTestId('result-fault')).toHaveTextContent('not-mapped');
    expect(screen.getByTestId('walk-result')).toHaveTextContent(/not mapped in the domain/);
    expect(screen.getByTestId('walk-result')).toHaveTextContent(
      `reason 0x${(faulted(fault).reason ?? 0).toString(16)}`,
    );
    await user.click(screen.getByTestId('goto-failing-read'));
    expect(onGoTo).toHaveBeenCalledWith(fault.walk.length - 1);
  });

  it('in the walk view the link moves the walk to the failing read', async () => {
    const user = userEvent.setup();
    const fault = walkOf(16);
    render(
      <WalkView
        state={run.state}
        result={resultOf(run, 16)}
        request={{ device: 'mdev1', iova: '0x40000000', access: 'read' }}
      />,
    );
    expect(screen.getByText(/^\d+ \/ \d+$/)).toHaveTextContent(`1 / ${fault.walk.length}`);
    await user.click(screen.getByTestId('goto-failing-read'));
    expect(screen.getByText(/^\d+ \/ \d+$/)).toHaveTextContent(`${fault.walk.length} / ${fault.walk.length}`);
  });
});

describe('ResultHeader: an SMMUv3 stage-2 fault', () => {
  it('nested-smmuv3 step 27 (stage 2 unmapped under the guest): F_TRANSLATION at the CD fetch, with its IPA', () => {
    const parsed = parseScenarioValue(nestedSmmu);
    if (!parsed.ok) throw new Error(parsed.message);
    const r = resultOf(runScenario(parsed.value), 27);
    render(<ResultHeader result={r} iommu="smmuv3" />);
    expect(screen.getByTestId('result-fault')).toHaveTextContent('not-mapped');
    expect(screen.getByTestId('result-stage2')).toHaveTextContent(/stage 2 \(S2 = 1\) at IPA 0x[0-9a-f]+000, CD fetch/);
  });

  it('names S2, the IPA and the CLASS of the fetch', () => {
    const r = faulted(walkOf(16));
    if (r.recorded === false) throw new Error('the fixture fault is recorded');
    const s2 = { ...r, reason: 0x10, stage2: { ipa: 0xc00000n, class: 'Input address caused fault' } };
    render(<ResultHeader result={s2} iommu="smmuv3" />);
    expect(screen.getByTestId('result-stage2')).toHaveTextContent(
      'stage 2 (S2 = 1) at IPA 0xc00000, Input address caused fault',
    );
  });
});
