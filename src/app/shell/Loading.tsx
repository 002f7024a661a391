/**
 * What a lazy view shows while its chunk downloads: one short live status line. It reserves the
 * space it stands in for (`.loading-page` fills the viewport), so nothing jumps when the view arrives.
 */
export function Loading({ what }: { what: 'page' | 'panel' }) {
  return (
    <p
      role="status"
      className={what === 'page' ? 'loading loading-page' : 'loading loading-panel'}
      data-testid="loading"
    >
      Loading …
    </p>
  );
}
