/** One exercise: the setup, the question, an answer form, the verdict and (after answering) the walk. */
import { useState, type SubmitEvent } from 'react';
import { FAULT_NAMES } from '../../engine/index.ts';
import { checkGuess, type Exercise, type Verdict } from '../../engine/report/exercises.ts';
import { argsOf } from '../bottom/describe.ts';
import { WalkView } from '../walk/WalkView.tsx';

export interface ExerciseCardProps {
  readonly exercise: Exercise;
  readonly onNext: () => void;
  readonly onOpen?: () => void;
}

export function ExerciseCard({ exercise, onNext, onOpen }: ExerciseCardProps) {
  const [kind, setKind] = useState<'pa' | 'fault'>('pa');
  const [pa, setPa] = useState('');
  const [fault, setFault] = useState<string>(FAULT_NAMES[0]);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setVerdict(checkGuess(exercise, kind === 'pa' ? { kind, text: pa } : { kind, fault }));
  };
  const answered = verdict !== null && verdict.problem === null;
  const req = exercise.request;
  const request = {
    device: req.device,
    iova: req.iova,
    access: req.access,
    ...(req.pasid === undefined ? {} : { pasid: req.pasid }),
  };

  return (
    <article className="exercise-card" data-testid="exercise">
      <details className="exercise-setup" open>
        <summary>Setup ({exercise.steps.length} steps)</summary>
        <ol>
          {exercise.steps.map((s, i) => (
            <li key={i}>
              <code>
                {s.op} {argsOf(s)}
              </code>
            </li>
          ))}
        </ol>
      </details>
      <h2 className="exercise-question" data-testid="exercise-question">
        {exercise.question}
      </h2>
      <form className="exercise-form" onSubmit={submit} aria-label="Your answer">
        <fieldset>
          <legend>Your answer</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'pa'} onChange={() => setKind('pa')} /> Physical address
          </label>
          <input
            type="text"
            aria-label="Physical address (hex)"
            placeholder="0x…"
            value={pa}
            data-testid="exercise-pa"
            onChange={(e) => {
              setPa(e.target.value);
              setKind('pa');
            }}
          />
          <label>
            <input type="radio" name="kind" checked={kind === 'fault'} onChange={() => setKind('fault')} /> Fault
          </label>
          <select
            aria-label="Fault name"
            value={fault}
            data-testid="exercise-fault"
            onChange={(e) => {
              setFault(e.target.value);
              setKind('fault');
            }}
          >
            {FAULT_NAMES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" data-testid="exercise-check">
            Check
          </button>
        </fieldset>
      </form>
      <div role="status" className="exercise-verdict" data-testid="exercise-verdict">
        {verdict === null ? null : verdict.problem !== null ? (
          <p className="is-problem">{verdict.problem}</p>
        ) : verdict.correct ? (
          <p className="is-correct">Correct: {verdict.expected}.</p>
        ) : (
          <p className="is-wrong">
            Not quite. The answer is <code>{verdict.expected}</code>.
          </p>
        )}
      </div>
      <div className="exercise-actions">
        <button type="button" onClick={onNext} data-testid="exercise-next">
          Next exercise
        </button>
        {onOpen && (
          <button type="button" onClick={onOpen} data-testid="exercise-open">
            Open in workbench
          </button>
        )}
      </div>
      {answered && (
        <section className="exercise-explain" aria-label="Explanation">
          <h3>How the IOMMU got there</h3>
          <WalkView state={exercise.state} result={exercise.result} request={request} />
        </section>
      )}
    </article>
  );
}
