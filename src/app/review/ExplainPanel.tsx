/**
 * Explain a kernel log: paste dmesg, `journalctl -k` or a bug report; every IOMMU fault line is
 * explained by the engine (src/engine/explain) and can be reproduced in the current model.
 */
import { useId, useMemo, useState } from 'react';
import { explainLog } from '../../engine/explain/explainLog.ts';
import { ExplainTable } from './ExplainTable.tsx';
import { useReproduce } from './useReproduce.ts';

export function ExplainPanel() {
  const [draft, setDraft] = useState('');
  const [text, setText] = useState<string | null>(null);
  const faults = useMemo(() => (text === null ? [] : explainLog(text)), [text]);
  const { reproduce, status } = useReproduce();
  const id = useId();
  return (
    <section className="review explain" aria-labelledby={`${id}-h`} data-testid="explain-panel">
      <h3 id={`${id}-h`}>Explain a kernel log</h3>
      <form
        className="explain-form"
        onSubmit={(e) => {
          e.preventDefault();
          setText(draft);
        }}
      >
        <label htmlFor={`${id}-log`} className="review-muted">
          Paste dmesg, <code>journalctl -k</code> or a bug report: VT-d (DMAR), AMD-Vi and SMMUv3 fault lines from
          kernels 4.x to today are explained; other lines are ignored.
        </label>
        <textarea
          id={`${id}-log`}
          data-testid="explain-input"
          rows={4}
          spellCheck={false}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="DMAR: [DMA Read NO_PASID] Request device [00:02.0] fault addr 0x1000 [fault reason 0x39] SM: Present bit in Root Entry is clear"
        />
        <div className="review-controls">
          <button type="submit" data-testid="explain-submit">
            Explain
          </button>
          {text !== null && (
            <span className="review-muted" data-testid="explain-count" role="status">
              {faults.length === 0
                ? 'No IOMMU fault line found in the text.'
                : `${faults.length} IOMMU fault event${faults.length === 1 ? '' : 's'} found.`}
            </span>
          )}
        </div>
      </form>
      {status !== null && (
        <p className={status.ok ? 'review-muted' : 'review-hazard'} role="status" data-testid="explain-status">
          {status.text}
        </p>
      )}
      {faults.length > 0 && <ExplainTable faults={faults} onReproduce={reproduce} />}
    </section>
  );
}
