/**
 * The Walk tab: the last DMA's summary and the step-by-step walk view (src/app/walk). Before any
 * DMA it shows the empty walk without downloading the walk player (panels/lazyPanels.ts).
 */
import { Suspense } from 'react';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastDma } from '../../store/selectors.ts';
import { useTourFocus } from '../tour/TourFocus.ts';
import { WalkView } from '../panels/lazyPanels.ts';
import { Loading } from '../shell/Loading.tsx';
import { WalkEmpty } from '../walk/WalkEmpty.tsx';
import { useRequestedWalkStep } from '../walk/walkFocus.ts';

export function WalkSlot() {
  const state = useAppStore(selectEngineState);
  const dma = useAppStore(selectLastDma);
  const focus = useTourFocus();
  const requested = useRequestedWalkStep(dma?.result);
  const request =
    dma === null
      ? null
      : {
          device: dma.request.device,
          iova: dma.request.iova,
          access: dma.request.access,
          ...(dma.request.pasid === undefined ? {} : { pasid: dma.request.pasid }),
        };
  return (
    <div data-testid="walk-tab">
      {focus !== null && !focus.talksAboutWalk ? (
        <p className="tour-walk-note" role="note" data-testid="tour-walk-note">
          {focus.walkStop === null
            ? `Stop ${focus.stop} makes no DMA, and none so far did: there is no walk to show yet.`
            : `Stop ${focus.stop} makes no DMA. The walk below is the one from stop ${focus.walkStop}.`}
        </p>
      ) : null}
      {dma === null || request === null ? (
        <WalkEmpty />
      ) : (
        <Suspense fallback={<Loading what="panel" />}>
          <WalkView state={state} result={dma.result} request={request} initialStep={focus?.walkStep ?? requested} />
        </Suspense>
      )}
    </div>
  );
}
