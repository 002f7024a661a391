/** Lists the built-in scenarios by title; picking one loads it (Undo brings the previous document back). */
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { BUILTIN_SCENARIOS } from '../../store/scenarios.ts';

/** `idSuffix` tells a second copy (the narrow-screen menu) from the header's. */
export function ScenarioPicker({ idSuffix = '' }: { idSuffix?: string } = {}) {
  const store = useAppStoreApi();
  const id = `scenario-picker${idSuffix}`;
  return (
    <div className="field inline scenario-field">
      <label htmlFor={id}>Scenario</label>
      <select
        id={id}
        data-testid={id}
        value=""
        onChange={(e) => {
          const b = BUILTIN_SCENARIOS.find((s) => s.file === e.target.value);
          if (b) store.getState().loadScenario(b.value, `built-in scenario ${b.file}`);
        }}
      >
        <option value="">Load a scenario…</option>
        {BUILTIN_SCENARIOS.map((s) => (
          <option key={s.file} value={s.file}>
            {s.title}
          </option>
        ))}
      </select>
    </div>
  );
}
