import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';

describe('App', () => {
  it('renders the PASID Atlas header', () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'PASID Atlas' })).toBeInTheDocument();
  });
});
