/** The header's "Learn" menu: tours, glossary and the side-by-side comparison (one Tab stop). */
import { MenuButton } from './MenuButton.tsx';

export function LearnMenu() {
  return (
    <MenuButton label="Learn ▾" name="Learn" testId="learn-menu" className="wide-only">
      {() => (
        <nav aria-label="Learn">
          <a href="#tours" data-testid="nav-tours">
            Tours
          </a>
          <a href="#glossary" data-testid="nav-glossary">
            Glossary
          </a>
          <a href="#compare" data-testid="nav-compare">
            Compare
          </a>
        </nav>
      )}
    </MenuButton>
  );
}
