/** The workbench with a tour panel in its side column, and the walk step the stop points at. */
import { useMemo } from 'react';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectLastDma } from '../../store/selectors.ts';
import { tourById } from '../../tours/index.ts';
import { dmaStopOf, frameNodes, talksAboutWalk } from '../../tours/stopView.ts';
import { Workbench } from '../Workbench.tsx';
import { TourFocusContext } from './TourFocus.ts';
import { TourPanel } from './TourPanel.tsx';
import type { Navigate } from './useHashRoute.ts';
import './tour.css';

export function TourRoute({ id, stop, navigate }: { id: string; stop: number; navigate: Navigate }) {
  const tour = tourById(id);
  const lastDma = useAppStore(selectLastDma);
  const index = tour ? Math.max(0, Math.min(tour.stops.length - 1, stop - 1)) : 0;
  const wanted = tour?.stops[index]?.highlight.walk;
  const walkSteps = useMemo(() => {
    const walk = lastDma?.result.walk ?? [];
    return (wanted ?? []).map((w) => walk.findIndex((s) => s.structure === w)).filter((i) => i >= 0);
  }, [lastDma, wanted]);
  const focus = useMemo(() => {
    if (tour === undefined) return null;
    const current = tour.stops[index]!;
    const dmaStop = dmaStopOf(tour, index);
    return {
      tourId: tour.id,
      tourTitle: tour.title,
      stop: index + 1,
      stops: tour.stops.length,
      walkStep: walkSteps[0],
      walkStop: dmaStop === null ? null : dmaStop + 1,
      talksAboutWalk: talksAboutWalk(current),
      frame: frameNodes(current),
    };
  }, [tour, index, walkSteps]);
  if (tour === undefined) {
    return (
      <main className="landing">
        <h1>PASID Atlas</h1>
        <p role="alert">There is no tour named “{id}”.</p>
        <p>
          <a href="#tours">See the tours</a> or <a href="#workbench">open the workbench</a>.
        </p>
      </main>
    );
  }
  return (
    <TourFocusContext.Provider value={focus}>
      <Workbench side={<TourPanel tour={tour} stop={index} navigate={navigate} walkSteps={walkSteps} />} />
    </TourFocusContext.Provider>
  );
}
