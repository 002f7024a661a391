/** Root component. A placeholder until the workbench views land. */
export function App() {
  return (
    <main>
      <h1>PASID Atlas</h1>
      <p>Workbench coming soon</p>
    </main>
  );
}
