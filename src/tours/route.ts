/**
 * Hash routes (no history API: the app is a static site served from any sub-path):
 *   #tour=<id>&stop=<N>   a tour stop, N from 1
 *   #glossary[=<term>]    the glossary page
 *   #workbench            the workbench
 *   #exercise=<seed>      a seeded translation exercise (src/engine/report/exercises.ts)
 *   #compare              two scenarios (or two IOMMUs) side by side
 *   #s=<data>             a share link (the workbench with that scenario; see store/shareLink.ts)
 *   (empty)               landing for a first-time visitor, workbench when a saved state exists
 */
export type Route =
  /** `problem`: what was wrong with the link that led here (the app shows it in one sentence). */
  | { readonly view: 'landing'; readonly problem?: string }
  | { readonly view: 'workbench' }
  | { readonly view: 'glossary'; readonly term: string | null }
  | { readonly view: 'tour'; readonly tour: string; readonly stop: number }
  | { readonly view: 'exercise'; readonly seed: number }
  | { readonly view: 'compare' };

/** The route a hash names, or null for an empty or unknown hash. */
export function parseRoute(hash: string): Route | null {
  const h = hash.replace(/^#/, '');
  if (h === '') return null;
  if (h.startsWith('s=')) return { view: 'workbench' };
  if (h === 'workbench') return { view: 'workbench' };
  if (h === 'compare') return { view: 'compare' };
  if (h === 'tours' || h === 'home') return { view: 'landing' };
  if (h.startsWith('exercise=')) return exerciseRoute(h.slice('exercise='.length));
  if (h === 'glossary') return { view: 'glossary', term: null };
  if (h.startsWith('glossary=')) return { view: 'glossary', term: decodeLenient(h.slice('glossary='.length)) };
  const params = new URLSearchParams(h);
  const tour = params.get('tour');
  if (tour !== null && tour !== '') {
    const n = Number.parseInt(params.get('stop') ?? '1', 10);
    return { view: 'tour', tour, stop: Number.isFinite(n) && n >= 1 ? n : 1 };
  }
  return null;
}

/** Exercise seeds are unsigned 32-bit numbers (src/engine/report/exercises.ts seeds a 32-bit generator). */
export const MAX_EXERCISE_SEED = 0xffff_ffff;

function exerciseRoute(raw: string): Route {
  const text = decodeLenient(raw);
  if (/^\d{1,10}$/.test(text) && Number(text) <= MAX_EXERCISE_SEED) return { view: 'exercise', seed: Number(text) };
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return {
    view: 'landing',
    problem: `The link names exercise “${shown}”, but an exercise number is a whole number from 0 to ${MAX_EXERCISE_SEED.toLocaleString('en-US')}.`,
  };
}

/** decodeURIComponent, or the text as it is when it is not valid percent-encoding (`%%%`). */
function decodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The hash of a route (landing is `#tours`, so it survives a reload). */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'landing':
      return '#tours';
    case 'workbench':
      return '#workbench';
    case 'glossary':
      return route.term === null ? '#glossary' : `#glossary=${encodeURIComponent(route.term)}`;
    case 'tour':
      return `#tour=${encodeURIComponent(route.tour)}&stop=${route.stop}`;
    case 'exercise':
      return `#exercise=${route.seed}`;
    case 'compare':
      return '#compare';
  }
}

/**
 * The first view: what the hash names; otherwise the workbench for a returning visitor (a saved
 * workbench state exists) and the landing page for a first-time one.
 */
export function initialRoute(hash: string, hasSavedState: boolean): Route {
  return parseRoute(hash) ?? (hasSavedState ? { view: 'workbench' } : { view: 'landing' });
}
