import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { GLOSSARY } from '../../src/glossary/terms.ts';

describe('glossary page', () => {
  it('lists every term', () => {
    render(<App route={{ view: 'glossary', term: 'PASID' }} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Glossary' })).toBeInTheDocument();
    expect(document.querySelectorAll('.glossary-entry')).toHaveLength(GLOSSARY.length);
  });
});
