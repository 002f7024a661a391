/** The first view of a first-time visitor: what this is, the tours, and the way to the workbench. */
import { TOURS } from '../../tours/index.ts';
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
          PASID Atlas simulates an Intel VT-d IOMMU in your browser: devices, PASIDs, domains and VMs, and every table the hardware reads when a device does DMA.
          Follow a tour to see why one device needs several domains and how a DMA from a mediated device reaches the right VM, or open the workbench and build your own.
        </p>
        <p className="landing-actions">
          <a className="button primary" href="#workbench" data-testid="open-workbench">
            Open the workbench
          </a>
          <a className="button" href="#glossary">
            Glossary
          </a>
        </p>
      </header>
      <section aria-labelledby="tours-heading">
        <h2 id="tours-heading">Guided tours</h2>
        <ul className="tour-cards">
          {TOURS.map((t, i) => (
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
                {t.stops.length} stops · about {t.minutes} min
              </p>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
