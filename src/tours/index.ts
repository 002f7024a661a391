/**
 * The built-in tours: every src/tours/*.json, validated on load (the tour schema, then each command
 * with the engine's own step parser). A broken tour file fails the build's tests, not the visitor:
 * at run time it is left out and logged. The landing page lists tours from list.ts, which needs
 * neither zod nor the engine; this module loads with the tour route.
 */
import { parseScenarioValue, SCENARIO_FORMAT } from '../engine/index.ts';
import { PARSE_OPTIONS } from '../engine/scenario/wording.ts';
import { inTourOrder } from './list.ts';
import { TourSchema, type Tour } from './schema.ts';

export type { Stop, Tour } from './schema.ts';

export type TourLoad = { ok: true; tour: Tour } | { ok: false; message: string };

/** Validate one tour value: the schema, then the whole command list as a scenario. */
export function parseTour(value: unknown): TourLoad {
  // The project's wording for schema problems (zod/mini ships no English locale).
  const parsed = TourSchema.safeParse(value, PARSE_OPTIONS);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid tour'}` };
  }
  const scenario = parseScenarioValue(tourScenario(parsed.data));
  if (!scenario.ok) return { ok: false, message: `commands: ${scenario.message}` };
  return { ok: true, tour: parsed.data };
}

/**
 * The scenario of a whole tour: every stop's commands in order. Its title is the tour's own: while
 * the tour runs the header says "Tour: …" from the tour route, and after leaving it names the
 * document the visitor keeps.
 */
export function tourScenario(tour: Tour, title = tour.title) {
  return {
    format: SCENARIO_FORMAT,
    title,
    ...(tour.platform === undefined ? {} : { platform: tour.platform }),
    steps: tour.stops.flatMap((s) => s.commands),
  };
}

/** How many steps are applied once stop `index` (0-based) is reached. */
export function stepsThrough(tour: Tour, index: number): number {
  let n = 0;
  for (let i = 0; i <= index && i < tour.stops.length; i++) n += tour.stops[i]!.commands.length;
  return n;
}

const modules = import.meta.glob<{ default: unknown }>('./*.json', { eager: true });

function loadAll(): Tour[] {
  const tours: Tour[] = [];
  for (const [path, mod] of Object.entries(modules)) {
    const r = parseTour(mod.default);
    if (r.ok) tours.push(r.tour);
    else console.warn(`tour ${path} left out: ${r.message}`);
  }
  return tours;
}

export const TOURS: readonly Tour[] = inTourOrder(loadAll());

export function tourById(id: string): Tour | undefined {
  return TOURS.find((t) => t.id === id);
}
