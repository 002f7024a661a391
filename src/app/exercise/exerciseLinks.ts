/**
 * Where the seeded exercises are offered besides their own URL: three fixed seeds on the landing
 * page (a translation, a PASID translation and a fault, so each kind of answer is practised) and one
 * per tour at its last stop. Seeds are arbitrary but fixed, so a link shared in class stays the same.
 */
import { makeExercise } from '../../engine/report/exercises.ts';

export const LANDING_EXERCISE_SEEDS: readonly number[] = [1, 2, 3];

/** The exercise offered at the end of a tour (by the tour's place in the list, from 1). */
export function tourExerciseSeed(tourIndex: number): number {
  return LANDING_EXERCISE_SEEDS.length + 1 + tourIndex;
}

/** The one-line question of an exercise (its request), for a link's description. */
export function exerciseQuestion(seed: number): string {
  return makeExercise(seed).question;
}
