export interface StepControlsProps {
  readonly index: number;
  readonly count: number;
  readonly playing: boolean;
  readonly onBack: () => void;
  readonly onForward: () => void;
  readonly onToggle: () => void;
}

/** Back / Play-Pause / Forward and the "3 / 8" counter. */
export function StepControls({ index, count, playing, onBack, onForward, onToggle }: StepControlsProps) {
  return (
    <div className="step-controls" role="group" aria-label="Walk steps">
      <button type="button" onClick={onBack} disabled={index <= 0} title="Previous step">
        <span aria-hidden="true">◀</span> Back
      </button>
      <button type="button" onClick={onToggle}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={onForward} disabled={index >= count - 1} title="Next step">
        Forward <span aria-hidden="true">▶</span>
      </button>
      <span className="step-counter">
        {index + 1} / {count}
      </span>
    </div>
  );
}
