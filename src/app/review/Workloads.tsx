/** Workloads: compare page sizes × IOTLB sizes for a DMA stream, as grouped bars and a table. */
import { useState, type SubmitEvent } from 'react';
import { parseSize, type DesignRow } from '../../engine/index.ts';
import { BarChart } from './BarChart.tsx';
import { CurrentStateRun } from './CurrentStateRun.tsx';
import { useCompareRun } from './useCompareRun.ts';
import { layoutBars } from './workloadChart.ts';
import './review.css';

const IOTLB_SIZES = [16, 64, 256, 1024] as const;
const PAGE_SIZES = ['4KiB', '2MiB', '1GiB'] as const;
export const MAX_DMAS = 1_000_000;
const pct = (v: number) =>
  `${Number.isInteger(Math.round(v * 1000) / 10) ? Math.round(v * 100) : (v * 100).toFixed(1)}%`;
const reads = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function toggle<T>(list: readonly T[], v: T, order: readonly T[]): T[] {
  const next = list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  return order.filter((x) => next.includes(x));
}

export function Workloads() {
  const [pattern, setPattern] = useState<'sequential' | 'random'>('random');
  const [bytes, setBytes] = useState('64MiB');
  const [dmas, setDmas] = useState('100000');
  const [seed, setSeed] = useState('1');
  const [iotlb, setIotlb] = useState<number[]>([16, 64, 256, 1024]);
  const [pages, setPages] = useState<('4KiB' | '2MiB' | '1GiB')[]>([...PAGE_SIZES]);
  const [formError, setFormError] = useState<string | null>(null);
  const [run, start] = useCompareRun();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const size = parseSize(bytes);
    const n = Number(dmas);
    const s = Number(seed);
    let problem: string | null = null;
    if (size === null || size <= 0n || size > 2n ** 36n) problem = 'Buffer size: a size such as 64MiB, up to 64GiB.';
    else if (!Number.isInteger(n) || n < 1 || n > MAX_DMAS)
      problem = `DMAs: a whole number from 1 to ${MAX_DMAS.toLocaleString('en')}.`;
    else if (!Number.isInteger(s)) problem = 'Seed: a whole number.';
    else if (iotlb.length === 0 || pages.length === 0) problem = 'Pick at least one IOTLB size and one page size.';
    setFormError(problem);
    if (problem !== null || size === null) return;
    start({ bytes: Number(size), dmas: n, pattern, iotlbSizes: iotlb, pageSizes: pages, seed: s });
  };

  return (
    <div className="review review-workloads" data-testid="workloads">
      <form className="review-form" onSubmit={submit} noValidate aria-label="Workload comparison">
        <label>
          Pattern{' '}
          <select
            data-testid="wl-pattern"
            value={pattern}
            onChange={(e) => setPattern(e.target.value as 'sequential' | 'random')}
          >
            <option value="sequential">sequential</option>
            <option value="random">random</option>
          </select>
        </label>
        <label>
          Buffer{' '}
          <input type="text" size={7} data-testid="wl-bytes" value={bytes} onChange={(e) => setBytes(e.target.value)} />
        </label>
        <label>
          DMAs{' '}
          <input
            type="number"
            min={1}
            max={MAX_DMAS}
            step={1}
            data-testid="wl-dmas"
            value={dmas}
            onChange={(e) => setDmas(e.target.value)}
          />
        </label>
        <label>
          Seed{' '}
          <input
            type="number"
            step={1}
            className="narrow"
            data-testid="wl-seed"
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>IOTLB entries</legend>
          {IOTLB_SIZES.map((n) => (
            <label key={n}>
              <input
                type="checkbox"
                data-testid={`wl-iotlb-${n}`}
                checked={iotlb.includes(n)}
                onChange={() => setIotlb(toggle(iotlb, n, IOTLB_SIZES))}
              />
              {n}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Page sizes</legend>
          {PAGE_SIZES.map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                data-testid={`wl-page-${p}`}
                checked={pages.includes(p)}
                onChange={() => setPages(toggle(pages, p, PAGE_SIZES))}
              />
              {p}
            </label>
          ))}
        </fieldset>
        <button type="submit" data-testid="wl-run" disabled={run.status === 'running'}>
          {run.status === 'running' ? 'Running…' : 'Run comparison'}
        </button>
      </form>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {run.status === 'error' && (
        <p className="form-error" role="alert">
          {run.message}
        </p>
      )}
      <p className="review-muted" aria-live="polite" data-testid="wl-status">
        {run.status === 'running' && 'Running…'}
        {run.status === 'done' &&
          `${run.opts.dmas.toLocaleString('en')} ${run.opts.pattern} 64-byte DMAs over ${bytes} per design, ${run.rows.length} designs, ${Math.round(run.ms)} ms. Each design maps the buffer on a fresh machine.`}
      </p>
      {run.status === 'done' && <Results rows={run.rows} />}
      <CurrentStateRun />
    </div>
  );
}

function Results({ rows }: { rows: readonly DesignRow[] }) {
  const sizes = [...new Set(rows.map((r) => r.iotlbEntries))];
  return (
    <>
      <div className="review-charts">
        <BarChart
          title="Memory reads per DMA (lower is better)"
          testId="chart-reads"
          layout={layoutBars(rows, (r) => r.readsPerDma, reads, 340, 180)}
        />
        <BarChart
          title="IOTLB hit rate (higher is better)"
          testId="chart-hits"
          layout={layoutBars(rows, (r) => r.hitRate, pct, 340, 180, 1)}
        />
        <ul className="review-legend" aria-label="IOTLB sizes">
          {sizes.map((n, i) => (
            <li key={n}>
              <span className={`swatch bar-${i % 4}`} aria-hidden="true" /> {n}-entry IOTLB
            </li>
          ))}
        </ul>
      </div>
      <p className="review-muted">
        Only the IOTLB is modelled as a cache, so every DMA also reads its root, context, PASID-directory and
        PASID-table entries: 4 reads per DMA is the floor; a miss adds one read per page-table level walked.
      </p>
      <table className="review-table" data-testid="wl-table">
        <thead>
          <tr>
            <th scope="col">Page size</th>
            <th scope="col">IOTLB</th>
            <th scope="col">DMAs</th>
            <th scope="col">Walks</th>
            <th scope="col">Hits</th>
            <th scope="col">Faults</th>
            <th scope="col">Memory reads</th>
            <th scope="col">Reads / DMA</th>
            <th scope="col">Hit rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.pageSize}-${r.iotlbEntries}`} data-testid="wl-row">
              <td>{r.pageSize}</td>
              <td>{r.iotlbEntries}</td>
              <td>{r.dmas.toLocaleString('en')}</td>
              <td>{r.walks.toLocaleString('en')}</td>
              <td>{r.hits.toLocaleString('en')}</td>
              <td>{r.faults.toLocaleString('en')}</td>
              <td>{r.memoryReads.toLocaleString('en')}</td>
              <td>{reads(r.readsPerDma)}</td>
              <td>{pct(r.hitRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
