import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { initialRoute, parseRoute } from '../../src/tours/route.ts';
import { TOURS } from '../../src/tours/index.ts';

describe('landing and routes', () => {
  it('shows the tours and the way to the workbench', () => {
    render(<App route={{ view: 'landing' }} />);
    expect(screen.getByRole('heading', { level: 1, name: 'PASID Atlas' })).toBeInTheDocument();
    expect(document.querySelectorAll('.tour-card')).toHaveLength(TOURS.length);
    expect(screen.getByRole('link', { name: 'Open the workbench' })).toHaveAttribute('href', '#workbench');
    // The seeded exercises are reachable from here, not only by URL.
    expect(screen.getByTestId('exercise-link-1')).toHaveAttribute('href', '#exercise=1');
    expect(screen.getByTestId('landing-exercises').textContent).toContain('Translate IOVA');
  });

  it('first-time visitors land on the landing page, returning ones on the workbench; hashes win', () => {
    expect(initialRoute('', false)).toEqual({ view: 'landing' });
    expect(initialRoute('', true)).toEqual({ view: 'workbench' });
    expect(initialRoute('#s=abc', false)).toEqual({ view: 'workbench' });
    expect(parseRoute('#tour=three-wqs&stop=4')).toEqual({ view: 'tour', tour: 'three-wqs', stop: 4 });
    expect(parseRoute('#glossary')).toEqual({ view: 'glossary', term: null });
  });
});
