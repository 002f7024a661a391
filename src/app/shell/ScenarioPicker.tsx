/** Lists the built-in scenarios by title; picking one loads it (Undo brings the previous document back). */
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { BUILTIN_SCENARIOS } from '../../store/scenarios.ts';

export function ScenarioPicker() {
  const store = useAppStoreApi();
  return (
    <div className="field inline">
      <label htmlFor="scenario-picker">Scenario</label>
      <select
        id="scenario-picker"
        data-testid="scenario-picker"
        value=""
        onChange={(e) => {
          const b = BUILTIN_SCENARIOS.find((s) => s.file === e.target.value);
          if (b) store.getState().loadScenario(b.value, `built-in scenario ${b.file}`);
        }}
      >
        <option value="">Load a built-in scenario…</option>
        {BUILTIN_SCENARIOS.map((s) => (
          <option key={s.file} value={s.file}>
            {s.title}
          </option>
        ))}
      </select>
    </div>
  );
}
