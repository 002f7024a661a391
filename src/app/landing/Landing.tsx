/** The first view of a first-time visitor: what this is, the tours, and the way to the workbench. */
import { TOUR_CARDS } from '../../tours/list.ts';
import { LANDING_EXERCISES } from '../exercise/landingExercises.ts';
import { TourText } from '../tour/TourText.tsx';
import { useThemeAttribute } from './useThemeAttribute.ts';
import './landing.css';

export function Landing() {
  useThemeAttribute();
  return (
    <main className="landing" data-testid="landing">
      <header className="landing-head">
        <h1>PASID Atlas</h1>
        <p className="landing-lede">
          PASID Atlas simulates an Intel VT-d IOMMU in your browser: devices, PASIDs, domains and VMs, and every table
          the hardware reads when a device does DMA. Follow a tour to see why one device needs several domains and how a
          DMA from a mediated device reaches the right VM, or open the workbench and build your own.
        </p>
        <p className="landing-actions">
          <a className="button primary" href="#workbench" data-testid="open-workbench">
            Open the workbench
          </a>
          <a className="button" href="#glossary">
            Glossary
          </a>
          <a className="button" href="#compare" data-testid="open-compare">
            Compare two designs
          </a>
        </p>
      </header>
      <section aria-labelledby="tours-heading">
        <h2 id="tours-heading">Guided tours</h2>
        <ul className="tour-cards">
          {TOUR_CARDS.map((t, i) => (
            <li key={t.id} className="tour-card" data-testid={`tour-card-${t.id}`}>
              <h3>
                <a href={`#tour=${t.id}&stop=1`}>
                  {i + 1}. {t.title}
                </a>
              </h3>
              <p>
                <TourText text={t.summary} />
              </p>
              <p className="tour-card-meta">
                {t.stopCount} stops · about {t.minutes} min
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="exercises-heading" data-testid="landing-exercises">
        <h2 id="exercises-heading">Exercises</h2>
        <p>
          A small random topology and one DMA request: work out which host address it reaches, or which fault the IOMMU
          reports, then check your answer against the walk. Each link always gives the same exercise; the next one is a
          click away.
        </p>
        <ul className="exercise-links">
          {LANDING_EXERCISES.map(({ seed, question }) => (
            <li key={seed}>
              <a href={`#exercise=${seed}`} data-testid={`exercise-link-${seed}`}>
                Exercise {seed}
              </a>
              <span className="muted"> — {question}</span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
