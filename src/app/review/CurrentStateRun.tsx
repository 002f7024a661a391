/** Runs one workload against the current engine state (which it does not change) for a chosen requester. */
import { useState, type SubmitEvent } from 'react';
import { parseSize, runWorkload, type WorkloadStats } from '../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState } from '../../store/selectors.ts';
import { currentState } from '../../store/createAppStore.ts';

export function CurrentStateRun() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const requesters = [...state.devices.keys(), ...state.mdevs.keys()];
  const [device, setDevice] = useState('');
  const [iova, setIova] = useState('0x0');
  const [pasid, setPasid] = useState('');
  const [bytes, setBytes] = useState('2MiB');
  const [result, setResult] = useState<{ stats: WorkloadStats } | { error: string } | null>(null);
  const [running, setRunning] = useState(false);
  const chosen = requesters.includes(device) ? device : (requesters[0] ?? '');

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setRunning(true);
    setTimeout(() => {
      try {
        const size = parseSize(bytes);
        if (size === null) throw new Error('Buffer: a size such as 2MiB');
        const p = pasid.trim() === '' ? undefined : Number(pasid);
        const stats = runWorkload(currentState(store.getState()), {
          device: chosen,
          iova: BigInt(iova),
          bytes: Number(size),
          dmas: 10_000,
          pattern: 'sequential',
          iotlbEntries: 1024,
          ...(p === undefined ? {} : { pasid: p }),
        });
        setResult({ stats });
      } catch (error) {
        setResult({ error: error instanceof Error ? error.message : String(error) });
      }
      setRunning(false);
    }, 0);
  };

  if (requesters.length === 0) return null;
  return (
    <details className="review-explain" data-testid="wl-current">
      <summary>Run against the current state</summary>
      <form className="review-form" onSubmit={submit} aria-label="Workload on the current state">
        <label>
          Requester{' '}
          <select data-testid="wl-cur-device" value={chosen} onChange={(e) => setDevice(e.target.value)}>
            {requesters.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          IOVA{' '}
          <input
            type="text"
            size={10}
            data-testid="wl-cur-iova"
            value={iova}
            onChange={(e) => setIova(e.target.value)}
          />
        </label>
        <label>
          PASID{' '}
          <input
            type="text"
            size={5}
            placeholder="none"
            data-testid="wl-cur-pasid"
            value={pasid}
            onChange={(e) => setPasid(e.target.value)}
          />
        </label>
        <label>
          Buffer{' '}
          <input
            type="text"
            size={6}
            data-testid="wl-cur-bytes"
            value={bytes}
            onChange={(e) => setBytes(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="wl-cur-run" disabled={running}>
          {running ? 'Running…' : 'Run 10,000 sequential DMAs'}
        </button>
      </form>
      {result && 'error' in result && (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      )}
      {result && 'stats' in result && (
        <p data-testid="wl-cur-result">
          {result.stats.dmas.toLocaleString('en')} DMAs: {result.stats.walks} walks,{' '}
          {result.stats.hits.toLocaleString('en')} hits, {result.stats.faults.toLocaleString('en')} faults,{' '}
          {result.stats.readsPerDma.toFixed(2)} memory reads per DMA (1,024-entry IOTLB of its own).
        </p>
      )}
    </details>
  );
}
