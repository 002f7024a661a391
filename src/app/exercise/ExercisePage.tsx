/** `#exercise=<seed>`: a seeded translation exercise, reproducible from its link. */
import { useMemo } from 'react';
import { exerciseScenario, makeExercise, nextSeed } from '../../engine/report/exercises.ts';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { useThemeAttribute } from '../landing/useThemeAttribute.ts';
import type { Navigate } from '../tour/useHashRoute.ts';
import { ExerciseCard } from './ExerciseCard.tsx';
import '../landing/landing.css';
import './exercise.css';

export function ExercisePage({ seed, navigate }: { seed: number; navigate: Navigate }) {
  useThemeAttribute();
  const store = useAppStoreApi();
  const exercise = useMemo(() => makeExercise(seed), [seed]);
  const open = () => {
    if (store.getState().loadScenario(exerciseScenario(exercise), `exercise ${seed}`, { origin: 'link' }))
      navigate({ view: 'workbench' });
  };
  return (
    <main className="landing exercise-page" data-testid="exercise-page">
      <p>
        <a href="#tours">← Tours</a> · <a href="#workbench">Workbench</a> · <a href="#glossary">Glossary</a>
      </p>
      <h1>Exercise {seed}</h1>
      <p className="muted">
        A small random topology and one DMA request. Work out where it lands, or which fault the IOMMU reports. The link
        reproduces this exercise.
      </p>
      <ExerciseCard
        key={seed}
        exercise={exercise}
        onNext={() => navigate({ view: 'exercise', seed: nextSeed(seed) })}
        onOpen={open}
      />
    </main>
  );
}
