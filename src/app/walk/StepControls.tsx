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
      <button type="button" onClick={onBack} disabled={index <= 0} aria-label="Previous step">
        ◀ Back
      </button>
      <button type="button" onClick={onToggle} aria-label={playing ? 'Pause' : 'Play'} aria-pressed={playing}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={onForward} disabled={index >= count - 1} aria-label="Next step">
        Forward ▶
      </button>
      <span className="step-counter" aria-label={`step ${index + 1} of ${count}`}>
        {index + 1} / {count}
      </span>
    </div>
  );
}
