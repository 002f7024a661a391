/** The combobox shared by the find box and the command palette (APG combobox with a listbox popup). */
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Combobox } from '../../../src/app/shell/Combobox.tsx';

const WORDS = Array.from({ length: 20 }, (_, i) => `item ${i}`);

function Harness({
  onChoose,
  onEscape,
  trapTab,
}: {
  onChoose: (s: string) => void;
  onEscape: () => void;
  trapTab?: boolean;
}) {
  const [query, setQuery] = useState('');
  const items = WORDS.filter((w) => w.includes(query));
  return (
    <Combobox
      items={items}
      keyOf={(w) => w}
      idPrefix="t"
      label="Find a word"
      listLabel="Words"
      placeholder=""
      query={query}
      onQuery={setQuery}
      onChoose={onChoose}
      onEscape={onEscape}
      renderItem={(w) => <span className="combo-main">{w}</span>}
      status={`${items.length} matches`}
      testIds={{ input: 'in', status: 'st' }}
      {...(trapTab === undefined ? {} : { trapTab })}
      empty={<p>Nothing</p>}
    />
  );
}

describe('Combobox', () => {
  it('moves the active option by arrows (wrapping), Home/End and pages; Enter chooses; Esc leaves', () => {
    const onChoose = vi.fn();
    const onEscape = vi.fn();
    render(<Harness onChoose={onChoose} onEscape={onEscape} />);
    const input = screen.getByRole('combobox', { name: 'Find a word' });
    expect(input).toHaveFocus();
    const active = () => document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.textContent;
    expect(active()).toBe('item 0');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(active()).toBe('item 19');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(active()).toBe('item 0');
    fireEvent.keyDown(input, { key: 'PageDown' });
    expect(active()).toBe('item 8');
    fireEvent.keyDown(input, { key: 'End' });
    expect(active()).toBe('item 19');
    fireEvent.keyDown(input, { key: 'PageUp' });
    expect(active()).toBe('item 11');
    fireEvent.keyDown(input, { key: 'Home' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChoose).toHaveBeenCalledWith('item 0');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(onEscape).toHaveBeenCalledTimes(1);
    expect(screen.getAllByRole('option', { selected: true })).toHaveLength(1);
  });

  it('typing filters and starts again at the first option; nothing matching says so', () => {
    render(<Harness onChoose={vi.fn()} onEscape={vi.fn()} />);
    const input = screen.getByRole('combobox');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.change(input, { target: { value: '1' } });
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('st')).toHaveTextContent('11 matches');
    fireEvent.change(input, { target: { value: 'zz' } });
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByText('Nothing')).toBeInTheDocument();
  });

  it('a click chooses an option; Tab stays in the input only when asked', () => {
    const onChoose = vi.fn();
    render(<Harness onChoose={onChoose} onEscape={vi.fn()} trapTab />);
    fireEvent.click(screen.getByText('item 3'));
    expect(onChoose).toHaveBeenCalledWith('item 3');
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    screen.getByRole('combobox').dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
  });
});
