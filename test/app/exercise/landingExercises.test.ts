import { describe, expect, it } from 'vitest';
import { exerciseQuestion, LANDING_EXERCISE_SEEDS } from '../../../src/app/exercise/exerciseLinks.ts';
import { LANDING_EXERCISES } from '../../../src/app/exercise/landingExercises.ts';

describe('the landing page exercises', () => {
  it('are the seeds offered, each with the question the engine asks', () => {
    expect(LANDING_EXERCISES.map((e) => e.seed)).toEqual(LANDING_EXERCISE_SEEDS);
    for (const e of LANDING_EXERCISES) expect(e.question).toBe(exerciseQuestion(e.seed));
  });
});
