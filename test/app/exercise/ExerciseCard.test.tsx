import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { ExerciseCard } from '../../../src/app/exercise/ExerciseCard.tsx';
import { makeExercise } from '../../../src/engine/report/exercises.ts';
import { createAppStore } from '../../../src/store/createAppStore.ts';
import { parseRoute } from '../../../src/tours/route.ts';

const all = Array.from({ length: 60 }, (_, i) => makeExercise(i));
const translated = all.find((e) => e.answer.kind === 'pa')!;
const faulted = all.find((e) => e.answer.kind === 'fault')!;

describe('exercise checker', () => {
  it('a right PA says Correct and shows the walk', async () => {
    const user = userEvent.setup();
    render(<ExerciseCard exercise={translated} onNext={() => {}} />);
    expect(screen.getByTestId('exercise-question')).toHaveTextContent(translated.question);
    expect(screen.queryByRole('region', { name: 'Translation walk' })).toBeNull();
    await user.type(screen.getByTestId('exercise-pa'), translated.answer.kind === 'pa' ? translated.answer.pa : '');
    await user.click(screen.getByTestId('exercise-check'));
    expect(screen.getByTestId('exercise-verdict')).toHaveTextContent('Correct');
    expect(screen.getByRole('region', { name: 'Translation walk' })).toBeInTheDocument();
  });

  it('a wrong answer shows the right one', async () => {
    const user = userEvent.setup();
    const onNext = vi.fn();
    render(<ExerciseCard exercise={faulted} onNext={onNext} />);
    await user.type(screen.getByTestId('exercise-pa'), '0x1234');
    await user.click(screen.getByTestId('exercise-check'));
    const fault = faulted.answer.kind === 'fault' ? faulted.answer.fault : '';
    expect(screen.getByTestId('exercise-verdict')).toHaveTextContent(`Not quite. The answer is ${fault}.`);
    await user.selectOptions(screen.getByTestId('exercise-fault'), fault);
    await user.click(screen.getByTestId('exercise-check'));
    expect(screen.getByTestId('exercise-verdict')).toHaveTextContent('Correct');
    await user.click(screen.getByTestId('exercise-next'));
    expect(onNext).toHaveBeenCalledOnce();
  });

  it('#exercise=SEED routes to the exercise of that seed', () => {
    expect(parseRoute('#exercise=42')).toEqual({ view: 'exercise', seed: 42 });
    render(<App store={createAppStore()} route={{ view: 'exercise', seed: 42 }} />);
    expect(screen.getByRole('heading', { name: 'Exercise 42' })).toBeInTheDocument();
    expect(screen.getByTestId('exercise-question')).toHaveTextContent(makeExercise(42).question);
  });
});
