/**
 * Round trip with a real machine: export the model's state as the Linux Intel IOMMU debugfs files
 * (dmar_translation_struct, domain_translation_struct) and import such text, taken from
 * /sys/kernel/debug/iommu/intel/ on a real machine, as a scenario (undoable, like any load).
 */
import { useId, useState } from 'react';
import {
  allDomainTranslationStructs,
  dmarTranslationStruct,
  domainTranslationStruct,
  dumpTargets,
} from '../../engine/debugfs/export.ts';
import { describeOf } from '../../engine/index.ts';
import { importDebugfs, type ImportResult } from '../../engine/debugfs/import.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState } from '../../store/selectors.ts';

type Shown = { readonly name: string; readonly text: string };
type Refusal = Pick<ImportResult, 'problems' | 'problemCount' | 'truncated'>;

/** A file bigger than this is imported without being copied into the text box (a 10 MB value stalls typing and layout). */
const SHOWN_INPUT_CHARS = 200_000;

function download(name: string, text: string): void {
  const blob = new Blob([text], { type: 'text/plain' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}

export function DebugfsPanel() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const [shown, setShown] = useState<Shown | null>(null);
  const [target, setTarget] = useState('all');
  const [input, setInput] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const ids = useId();
  const targets = dumpTargets(state);

  const exportDmar = () => {
    setShown({ name: 'dmar_translation_struct', text: dmarTranslationStruct(state) });
    setNote(null);
  };
  const exportDomain = () => {
    const t = targets.find((x) => `${x.device}/${x.pasid}` === target);
    const text = t ? domainTranslationStruct(state, t.device, t.pasid) : allDomainTranslationStructs(state);
    setShown({
      name: t
        ? `domain_translation_struct (${t.device}, PASID ${t.pasid})`
        : 'domain_translation_struct (every device and PASID)',
      text,
    });
    setNote(null);
  };
  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.text);
      setNote('Copied');
    } catch {
      setNote('Copy failed: select the text and copy it');
    }
  };
  const runImport = (text: string, source: string) => {
    const r = importDebugfs(text);
    if (r.scenario === null) {
      setRefusal(r);
      setNote(null);
      return;
    }
    setRefusal(null);
    const cut = r.truncated === null ? '' : ` Note: ${r.truncated}`;
    if (r.scenario.steps.length === 0) {
      // An empty dump (or one cut before its first entry) must not replace the document with nothing.
      setNote(
        `The dump has no entries (no device with a context entry, no page-table rows): nothing was imported and the current document is unchanged.${cut}`,
      );
      return;
    }
    if (store.getState().loadScenario(r.scenario, source)) {
      setNote(
        `Imported ${r.scenario.steps.length} steps${r.notes.length > 0 ? ` (not rebuilt: ${r.notes.join('; ')})` : ''}.${cut}`,
      );
    }
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setInput(text.length > SHOWN_INPUT_CHARS ? '' : text);
    runImport(text, `debugfs file ${file.name}`);
  };

  const words = describeOf(state.platform.iommu);
  const vtd = words.debugfs;
  return (
    <div className="debugfs-panel" data-testid="debugfs-panel">
      {!vtd ? (
        <p className="muted" data-testid="debugfs-vtd-only">
          The debugfs export is VT-d only (the Linux Intel IOMMU driver's files): this scenario runs on {words.name}.
          See the tables tab for its {words.requester.name} entries and {words.pasidEntries.toLowerCase()}. Importing a
          VT-d dump still works.
        </p>
      ) : null}
      <div className="button-group" role="group" aria-label="Export debugfs" hidden={!vtd}>
        <button type="button" data-testid="debugfs-export-dmar" onClick={exportDmar}>
          Export dmar_translation_struct
        </button>
        <label htmlFor={`${ids}-target`}>Device / PASID</label>
        <select
          id={`${ids}-target`}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="debugfs-target"
        >
          <option value="all">every device and PASID</option>
          {targets.map((t) => (
            <option key={`${t.device}/${t.pasid}`} value={`${t.device}/${t.pasid}`}>
              {t.device} PASID {t.pasid}
            </option>
          ))}
        </select>
        <button type="button" data-testid="debugfs-export-domain" onClick={exportDomain}>
          Export domain_translation_struct…
        </button>
      </div>
      {shown !== null && (
        <div className="debugfs-output">
          <label htmlFor={`${ids}-out`}>{shown.name}</label>
          <textarea
            id={`${ids}-out`}
            readOnly
            rows={10}
            cols={120}
            spellCheck={false}
            value={shown.text}
            data-testid="debugfs-output"
            style={{ fontFamily: 'monospace', whiteSpace: 'pre', width: '100%' }}
          />
          <div className="button-group">
            <button type="button" onClick={() => void copy()}>
              Copy
            </button>
            <button type="button" onClick={() => download(`${shown.name.split(' ')[0]}.txt`, shown.text)}>
              Download .txt
            </button>
          </div>
        </div>
      )}
      <div className="debugfs-import">
        <label htmlFor={`${ids}-in`}>
          Import debugfs text… (paste dmar_translation_struct and/or domain_translation_struct)
        </label>
        <textarea
          id={`${ids}-in`}
          rows={6}
          cols={120}
          spellCheck={false}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          data-testid="debugfs-input"
          style={{ fontFamily: 'monospace', whiteSpace: 'pre', width: '100%' }}
        />
        <div className="button-group">
          <button
            type="button"
            data-testid="debugfs-import"
            onClick={() => runImport(input, 'debugfs text')}
            disabled={input.trim() === ''}
          >
            Import debugfs text…
          </button>
          <label className="button" htmlFor={`${ids}-file`}>
            From file…
          </label>
          <input
            id={`${ids}-file`}
            className="visually-hidden"
            type="file"
            accept=".txt,text/plain"
            onChange={(e) => void importFile(e.target.files?.[0])}
          />
        </div>
      </div>
      {note !== null && (
        <p role="status" data-testid="debugfs-note">
          {note}
        </p>
      )}
      {refusal !== null && (
        <div role="alert" data-testid="debugfs-problems">
          <p>
            The text was not imported ({refusal.problemCount.toLocaleString('en-US')} problem
            {refusal.problemCount === 1 ? '' : 's'}); the current state is unchanged.
            {refusal.truncated === null ? '' : ` Note: ${refusal.truncated}`}
          </p>
          <ul>
            {refusal.problems.map((p) => (
              <li key={`${p.line}:${p.message}`}>
                Line {p.line}: {p.message} — <code>{p.text}</code>
              </li>
            ))}
          </ul>
          {refusal.problemCount > refusal.problems.length && (
            <p data-testid="debugfs-more-problems">
              …and {(refusal.problemCount - refusal.problems.length).toLocaleString('en-US')} more.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
