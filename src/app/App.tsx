/** Root component: one store per app instance, handed down by context; hash routes pick the view. */
import { useState } from 'react';
import { createAppStore, type AppStore } from '../store/createAppStore.ts';
import { StoreProvider } from '../store/StoreProvider.tsx';
import { createLibrary, type Library } from '../store/library.ts';
import { LibraryContext } from '../store/LibraryContext.ts';
import type { Route } from '../tours/route.ts';
import { ComparePage } from './compare/ComparePage.tsx';
import { ExercisePage } from './exercise/ExercisePage.tsx';
import { GlossaryPage } from './glossary/GlossaryPage.tsx';
import { Landing } from './landing/Landing.tsx';
import { RouteProblem } from './shell/RouteProblem.tsx';
import { TourRoute } from './tour/TourRoute.tsx';
import { useHashRoute } from './tour/useHashRoute.ts';
import { Workbench } from './Workbench.tsx';
import './styles.css';

/** `route` is the first view (main.tsx derives it from the hash and local storage); default: workbench. */
export function App({ store, route, library }: { store?: AppStore; route?: Route; library?: Library }) {
  const [value] = useState(() => store ?? createAppStore());
  // Without a library (component tests) nothing is stored.
  const [docs] = useState(() => library ?? createLibrary({ local: null, bodies: null }));
  return (
    <StoreProvider store={value}>
      <LibraryContext.Provider value={docs}>
        <Routes initial={route ?? { view: 'workbench' }} />
      </LibraryContext.Provider>
    </StoreProvider>
  );
}

function Routes({ initial }: { initial: Route }) {
  const [route, navigate] = useHashRoute(initial);
  switch (route.view) {
    case 'landing':
      return route.problem === undefined ? <Landing /> : <><RouteProblem message={route.problem} /><Landing /></>;
    case 'glossary':
      return <GlossaryPage term={route.term} />;
    case 'tour':
      return <TourRoute id={route.tour} stop={route.stop} navigate={navigate} />;
    case 'exercise':
      return <ExercisePage seed={route.seed} navigate={navigate} />;
    case 'compare':
      return <ComparePage />;
    case 'workbench':
      return <Workbench />;
  }
}
