/**
 * Reproduce an explained fault in the current document: the engine plans the ops (reusing what the
 * state has), the store applies them as one undo step, and the Walk tab opens at the failing read.
 */
import { useCallback, useState } from 'react';
import { reproducePlan } from '../../engine/explain/reproduce.ts';
import type { ExplainedFault } from '../../engine/explain/types.ts';
import { currentState } from '../../store/createAppStore.ts';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { requestWalkStep } from '../walk/walkFocus.ts';

export interface ReproduceStatus {
  readonly line: number;
  readonly ok: boolean;
  readonly text: string;
}

export function useReproduce() {
  const store = useAppStoreApi();
  const [status, setStatus] = useState<ReproduceStatus | null>(null);
  const reproduce = useCallback(
    (f: ExplainedFault) => {
      const s = store.getState();
      const out = reproducePlan(currentState(s), f);
      if (!out.ok) {
        setStatus({ line: f.line, ok: false, text: `Line ${f.line} cannot be reproduced here: ${out.message}` });
        return;
      }
      const { plan } = out;
      if (!s.applyGroup(plan.commands, `Reproduce ${f.reason} (log line ${f.line})`)) {
        setStatus({
          line: f.line,
          ok: false,
          text: `Line ${f.line}: ${store.getState().lastError?.message ?? 'the model refused the reproduction'}`,
        });
        return;
      }
      const result = store.getState().lastDma?.result;
      if (result) requestWalkStep(result, Math.max(0, plan.walkLength - 1));
      const text = `Reproduced line ${f.line} (${plan.fault}): ${plan.summary} Undo removes it in one step.`;
      setStatus({ line: f.line, ok: true, text });
      store.getState().setNotice(text);
      store.getState().setTab('walk');
    },
    [store],
  );
  return { reproduce, status };
}
