/** Lists the built-in scenarios by title; picking one loads it (Undo brings the previous document back). */
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { builtinScenario, SCENARIO_CHOICES } from '../../store/scenarioList.ts';

/**
 * `idSuffix` tells a second copy (the narrow-screen menu) from the header's; `onPicked` runs once the
 * picked scenario is in (the menu closes then).
 */
export function ScenarioPicker({ idSuffix = '', onPicked }: { idSuffix?: string; onPicked?: () => void } = {}) {
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
          const file = e.target.value;
          // The status line names it as the picker did (its title), not by its file name.
          const title = SCENARIO_CHOICES.find((s) => s.file === file)?.title ?? file;
          void builtinScenario(file).then((value) => {
            if (value !== undefined) store.getState().loadScenario(value, `built-in scenario “${title}”`);
            onPicked?.();
          });
        }}
      >
        <option value="">Load a scenario…</option>
        {SCENARIO_CHOICES.map((s) => (
          <option key={s.file} value={s.file}>
            {s.title}
          </option>
        ))}
      </select>
    </div>
  );
}
