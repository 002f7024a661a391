/** The invalidation lab: descriptor log, the DMA_FQ flush queue, the skip switch and the last DMA's hazard. */
import { useMemo } from 'react';
import { describeOf, validCommand } from '../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastDma } from '../../store/selectors.ts';
import { commandLegend, hazardLabel, invalidationRows, type RowStatus } from './invalidationRows.ts';
import './review.css';

const STATUS_TEXT: Readonly<Record<RowStatus, string>> = {
  done: 'done',
  skipped: '⚠ skipped: hazard, stale IOTLB entries survive',
  queued: 'queued (DMA_FQ flush queue)',
  'flushed-later': 'deferred, flushed later',
};

const FLUSH_QUEUE = validCommand({ op: 'flushQueue' });
const SKIP_INVALIDATION = validCommand({ op: 'skipInvalidation' });

export function InvalidationLab() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const lastDma = useAppStore(selectLastDma);
  const rows = useMemo(() => invalidationRows(state), [state]);
  const hazard = lastDma?.result.hazard;
  const iommu = state.platform.iommu;
  const words = describeOf(iommu);
  // SMMUv3 and AMD-Vi queue commands with opcodes; VT-d queues descriptors with type numbers.
  const commands = words.queue.holds === 'commands';

  return (
    <div className="review review-lab" data-testid="invalidation-lab">
      <div className="review-controls">
        <button
          type="button"
          data-testid="flush-queue"
          disabled={state.flushQueue.length === 0}
          onClick={() => store.getState().apply(FLUSH_QUEUE)}
        >
          Flush queue now ({state.flushQueue.length})
        </button>
        <button
          type="button"
          data-testid="skip-next"
          aria-pressed={state.skipNext}
          disabled={state.skipNext}
          className={state.skipNext ? 'armed' : undefined}
          onClick={() => store.getState().apply(SKIP_INVALIDATION)}
        >
          {state.skipNext ? '⚠ Armed: the next invalidation will be skipped' : 'Skip the next invalidation'}
        </button>
      </div>
      {hazard && (
        <p className="review-hazard" role="status" data-testid="lab-hazard">
          ⚠ Last DMA used a {hazardLabel(hazard.kind, state.platform.iommu)}: {hazard.message}
        </p>
      )}
      <section aria-labelledby="fq-h">
        <h3 id="fq-h">DMA_FQ flush queue</h3>
        {state.flushQueue.length === 0 ? (
          <p className="review-muted" data-testid="fq-empty">
            Empty. Unmaps of a DMA_FQ domain wait here until the queue is flushed (lazy IOTLB mode).
          </p>
        ) : (
          <ul className="review-fq" data-testid="fq-list">
            {state.flushQueue.map((q, i) => (
              <li key={i} data-testid="fq-entry">
                {q.domain} ({words.domainTag} {q.did}): IOVA 0x
                {(q.iovaPfn * 4096).toString(16)}, {q.pages} page
                {q.pages === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="inv-h">
        <h3 id="inv-h">{commands ? 'Commands (newest last)' : 'Invalidation descriptors (newest last)'}</h3>
        {rows.length === 0 ? (
          <p className="review-muted" data-testid="inv-empty">
            No descriptors issued yet. Unmap, detach or a PASID change queues them.
          </p>
        ) : (
          <table className="review-table" data-testid="inv-table">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Type</th>
                <th scope="col">Granularity</th>
                <th scope="col">Target</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-testid="inv-row" data-state={r.status} className={`inv-${r.status}`}>
                  <td>{r.inv.seq}</td>
                  <td className="mono">
                    {r.name} ({commands ? `0x${r.code.toString(16)}` : r.code})
                  </td>
                  <td>{r.inv.granularity}</td>
                  <td className="mono">{r.target}</td>
                  <td>{STATUS_TEXT[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <details className="review-explain">
        <summary>{commands ? 'What each command does' : 'What each descriptor does'}</summary>
        <QueueExplain text={words.queue.explain} />
        <dl>
          {commandLegend(state.platform.iommu).map((d) => (
            <div key={d.key}>
              <dt>
                <code>{d.name}</code>
                {commands ? ` opcode 0x${d.code.toString(16)}` : ''}
              </dt>
              <dd>{d.what}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

/** The queue's explanation, with the platform setting it names set as code. */
function QueueExplain({ text }: { readonly text: string }) {
  const setting = 'platform.caches: "all"';
  const [before, after] = text.split(setting);
  return (
    <p>
      {before}
      {after !== undefined && (
        <>
          <code>{setting}</code>
          {after}
        </>
      )}
    </p>
  );
}
