import { useMemo } from 'react';
import { describePlatform, type EngineState, type WalkStep } from '../../engine/index.ts';
import {
  addressStrip,
  decodeKindOf,
  decomposePasid,
  decomposeRequester,
  stepDecision,
  type StepDecision,
} from '../../engine/inspect/decode.ts';
import { BitStrip } from './BitStrip.tsx';
import { OutcomePanel } from './OutcomePanel.tsx';
import { RequestHeader } from './RequestHeader.tsx';
import { ResultHeader } from './ResultHeader.tsx';
import { StepControls } from './StepControls.tsx';
import { WalkEmpty } from './WalkEmpty.tsx';
import { WalkStepCard } from './WalkStepCard.tsx';
import { structureLabel } from './labels.ts';
import type { WalkResult } from './result.ts';
import { useStepper } from './useStepper.ts';
import './walk.css';

/** The view's kind of each engine decision (a fault ends the walk wherever it was decided). */
const DECISION_KIND: Readonly<Record<WalkStep['decision'], StepDecision['kind']>> = {
  next: 'next',
  leaf: 'leaf',
  hit: 'hit',
  'not-present': 'fault',
  denied: 'fault',
  invalid: 'fault',
};

export interface WalkRequest {
  device: string;
  pasid?: number;
  iova: string;
  access: 'read' | 'write';
}

export interface WalkViewProps {
  state: EngineState;
  result: WalkResult | null;
  request: WalkRequest | null;
  /** Step to open first (a guided tour points at one); the stepper restarts when it changes. */
  initialStep?: number | undefined;
}

/** Step-by-step view of one DMA translation: request, bit strips, one card per memory read, outcome. */
export function WalkView({ state, result, request, initialStep }: WalkViewProps) {
  const walk = result;
  if (walk === null || request === null) return <WalkEmpty />;
  // A new result restarts the stepper (a fresh component instance per result object).
  return (
    <WalkPlayer
      key={`${resultKey(walk)}:${initialStep ?? 0}`}
      state={state}
      walk={walk}
      request={request}
      initialStep={initialStep ?? 0}
    />
  );
}

const keys = new WeakMap<object, number>();
let nextKey = 0;
function resultKey(r: object): number {
  let k = keys.get(r);
  if (k === undefined) {
    k = nextKey++;
    keys.set(r, k);
  }
  return k;
}

interface WalkPlayerProps {
  state: EngineState;
  walk: WalkResult;
  request: WalkRequest;
  initialStep: number;
}

function WalkPlayer({ state, walk, request, initialStep }: WalkPlayerProps) {
  const steps = walk.walk;
  const stepper = useStepper(steps.length, initialStep);
  const mdev = state.mdevs.get(request.device);
  const device = state.devices.get(mdev ? mdev.parent : request.device);
  const devfn = device?.devfn;
  const pasid = walk.pasid;
  const pasidText =
    request.pasid !== undefined
      ? String(request.pasid)
      : mdev
        ? `${pasid} (programmed in ${mdev.id}'s WQ)`
        : `none → ${describePlatform(state.platform).untaggedNode}`;

  const iommu = state.platform.iommu;
  const decodeAs = decodeKindOf(state.platform);
  const strips = useMemo(() => {
    // The strips draw the levels this walk read (a three-level GCR3 table, a linear CD table).
    const read = new Set(steps.map((s) => s.structure));
    const rid = device ? decomposeRequester(iommu, device.rid, read) : { title: 'Requester ID', fields: [] };
    const address = addressStrip(iommu, request.iova, state.platform.addressWidth);
    return { rid, pasid: decomposePasid(iommu, pasid, read), address };
  }, [device, pasid, request.iova, state.platform.addressWidth, iommu, steps]);

  const current = steps[stepper.index];
  // The engine recorded what the hardware decided at each read; the text says what the entry holds.
  const decisions = steps.map((s, i) => ({
    ...stepDecision(s.structure, s.entry, i === steps.length - 1, walk, devfn, decodeAs),
    kind: DECISION_KIND[s.decision],
  }));
  const groups = nestedGroups(steps, walk.outcome === 'fault');
  const currentDecision = decisions[stepper.index];
  // Second-stage reads under nesting index a GPA, not the request address: no strip field for them.
  const highlight =
    current === undefined || current.stage === 2
      ? null
      : current.level !== null
        ? `pl${current.level}`
        : current.structure;

  return (
    <section className="walk-view" aria-label="Translation walk">
      <ResultHeader result={walk} iommu={iommu} onGoTo={stepper.goTo} />
      <div className="walk-bar">
        <StepControls
          index={stepper.index}
          count={steps.length}
          playing={stepper.playing}
          onBack={stepper.back}
          onForward={stepper.forward}
          onToggle={stepper.toggle}
        />
        <p className="walk-live" aria-live="polite">
          {current && currentDecision
            ? `Step ${stepper.index + 1}: ${structureLabel(current.structure, iommu)} [${current.index}] — ${currentDecision.text}`
            : ''}
        </p>
      </div>
      <div className="walk-body">
        <div className="walk-side">
          <RequestHeader
            device={request.device}
            via={mdev ? mdev.parent : null}
            rid={device ? '0x' + device.rid.toString(16) : '?'}
            busDevFn={device ? device.bdf.slice(5) : '?'}
            pasidText={pasidText}
            iova={request.iova}
            access={request.access}
          />
          <BitStrip title={strips.rid.title} fields={strips.rid.fields} highlight={highlight} />
          <BitStrip title={strips.pasid.title} fields={strips.pasid.fields} highlight={highlight} />
          <BitStrip title={`Address ${request.iova}`} fields={strips.address} highlight={highlight} />
          <OutcomePanel result={walk} iommu={iommu} />
        </div>
        <ol className="walk-cards">
          {steps.map((s, i) => (
            <WalkStepCard
              key={i}
              group={groups[i] ?? null}
              iommu={iommu}
              decodeAs={decodeAs}
              step={s}
              number={i + 1}
              decision={decisions[i]!}
              state={i < stepper.index ? 'past' : i === stepper.index ? 'current' : 'future'}
              devfn={devfn}
              onSelect={() => stepper.goTo(i)}
            />
          ))}
        </ol>
      </div>
    </section>
  );
}

/**
 * Under nesting, the second-stage reads before each first-stage read translate that read's table
 * GPA (and the run after the last one translates the output GPA): a heading for the first read of
 * every such run, naming the first-stage level it serves. `faulted`: the walk stopped in its last run,
 * which then never reached an HPA.
 */
export function nestedGroups(steps: readonly Pick<WalkStep, 'stage' | 'serves'>[], faulted = false): (string | null)[] {
  return steps.map((s, i) => {
    if (s.stage !== 2 || steps[i - 1]?.stage === 2) return null;
    let j = i;
    while (j < steps.length && steps[j]!.stage === 2) j++;
    const n = j - i;
    const done = faulted && j === steps.length;
    const count = `${n} read${n === 1 ? '' : 's'}`;
    const reads = (gpa: string) =>
      done
        ? `${count}, then the fault: ${gpa} never reached an HPA`
        : `${count} turn${n === 1 ? 's' : ''} ${gpa} into an HPA`;
    // The engine names what each run serves: a first-stage read, a guest structure read through
    // stage 2 (SMMUv3's guest CD, AMD-Vi's guest GCR3), or the output.
    if (s.serves.startsWith('s1-'))
      return `Second stage for ${s.serves.replace('s1-', 'S1 ').toUpperCase()}: ${reads("the table's GPA")}`;
    if (s.serves === 'output') return `Second stage for the output: ${reads('the final GPA')}`;
    return `Second stage for the guest's ${s.serves}: ${reads('its GPA')}`;
  });
}
