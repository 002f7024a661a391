/** The Tables tab. PLACEHOLDER until src/app/tables/TablesView.tsx lands (wired by the workbench). */
export function TablesSlot() {
  return (
    <div className="placeholder" data-testid="tables-placeholder">
      Tables view: placeholder (src/app/tables/TablesView.tsx not available yet).
    </div>
  );
}
