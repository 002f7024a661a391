/** Root component: one store per app instance, handed down by context; hash routes pick the view. */
import { Suspense, useState } from 'react';
import { createAppStore, type AppStore } from '../store/createAppStore.ts';
import { StoreProvider } from '../store/StoreProvider.tsx';
import { createLibrary, type Library } from '../store/library.ts';
import { LibraryContext } from '../store/LibraryContext.ts';
import type { Route } from '../tours/route.ts';
import { ComparePage, ExercisePage, GlossaryPage, Landing, TourRoute, Workbench } from './lazyViews.ts';
import { Loading } from './shell/Loading.tsx';
import { RouteProblem } from './shell/RouteProblem.tsx';
import { useHashRoute } from './tour/useHashRoute.ts';
import './styles.css';

/** `route` is the first view (main.tsx derives it from the hash and local storage); default: workbench. */
export function App({ store, route, library }: { store?: AppStore; route?: Route; library?: Library }) {
  const [value] = useState(() => store ?? createAppStore());
  // Without a library (component tests) nothing is stored.
  const [docs] = useState(() => library ?? createLibrary({ local: null, bodies: null }));
  return (
    <StoreProvider store={value}>
      <LibraryContext.Provider value={docs}>
        <Suspense fallback={<Loading what="page" />}>
          <Routes initial={route ?? { view: 'workbench' }} />
        </Suspense>
      </LibraryContext.Provider>
    </StoreProvider>
  );
}

function Routes({ initial }: { initial: Route }) {
  const [route, navigate] = useHashRoute(initial);
  switch (route.view) {
    case 'landing':
      return route.problem === undefined ? (
        <Landing />
      ) : (
        <>
          <RouteProblem message={route.problem} />
          <Landing />
        </>
      );
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
