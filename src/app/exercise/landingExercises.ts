/**
 * The landing page's exercises with their questions written out, so the landing page does not load
 * the engine to word them (issue 11: landing ≤ 100 KiB gzip). test/app/exercise/landingExercises.test.ts
 * checks they are exactly what the engine asks for LANDING_EXERCISE_SEEDS (exerciseLinks.ts).
 */
export const LANDING_EXERCISES: readonly { readonly seed: number; readonly question: string }[] = [
  {
    seed: 1,
    question: 'Translate IOVA 0xfb17980 without a PASID on a0:00.4 (dsa0), a read: which PA, or which fault?',
  },
  { seed: 2, question: 'Translate IOVA 0x1c1d318 for PASID 1 on bb:0a.2 (dsa0), a read: which PA, or which fault?' },
  { seed: 3, question: 'Translate IOVA 0x5000000 for PASID 17 on b7:01.3 (dsa0), a read: which PA, or which fault?' },
];
