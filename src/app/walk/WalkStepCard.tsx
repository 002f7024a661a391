import { useEffect, useRef } from 'react';
import { hex, type IommuKind, type WalkStep } from '../../engine/index.ts';
import { decodeEntry, type DecodeKind, type StepDecision } from '../../engine/inspect/decode.ts';
import { DecodedFields } from './DecodedFields.tsx';
import { RawEntry } from './RawEntry.tsx';
import { revealInPanel } from './revealInPanel.ts';
import { structureLabel } from './labels.ts';

export interface WalkStepCardProps {
  readonly step: WalkStep;
  readonly number: number;
  readonly decision: StepDecision;
  readonly state: 'past' | 'current' | 'future';
  readonly devfn: number | undefined;
  readonly onSelect: () => void;
  /** A heading before this card (the nested walk's second-stage run it starts). */
  readonly group?: string | null;
  readonly iommu?: IommuKind;
  /** How to decode its entry (decodeKindOf: AMD-Vi v1 tables decode as v1). */
  readonly decodeAs?: DecodeKind;
}

/** One memory read of the walk: what was read, where, its fields, and what the hardware did next. */
export function WalkStepCard(props: WalkStepCardProps) {
  const { step, number, decision, state, devfn, onSelect, group, iommu, decodeAs = iommu } = props;
  const label = structureLabel(step.structure, iommu);
  const nested = step.structure.startsWith('s2-') ? ' is-s2' : step.structure.startsWith('s1-') ? ' is-s1' : '';
  const ref = useRef<HTMLLIElement>(null);
  const opening = useRef(true);
  useEffect(() => {
    // Keep the current step visible while stepping or playing.
    if (state === 'current') revealInPanel(ref.current, opening.current);
    opening.current = false;
  }, [state]);
  return (
    <li
      ref={ref}
      className={`walk-card is-${state} decision-${decision.kind}${nested}`}
      aria-current={state === 'current' ? 'step' : undefined}
    >
      {group ? <p className="walk-group">{group}</p> : null}
      <button type="button" className="walk-card-head" onClick={onSelect} title={`Go to step ${number}`}>
        <span className="walk-card-num">{number}</span>
        <span className="walk-card-name">{label}</span>
        <span className="walk-card-meta mono">
          [{step.index}] @ {hex(step.entryAddr)}
        </span>
      </button>
      <p className="walk-card-decision">{decision.text}</p>
      {state === 'current' ? (
        <div className="walk-card-body">
          <RawEntry words={step.words} entry={step.entry} />
          <DecodedFields
            fields={decodeEntry(step.structure, step.entry, devfn === undefined ? undefined : { devfn }, decodeAs)}
          />
        </div>
      ) : null}
    </li>
  );
}
