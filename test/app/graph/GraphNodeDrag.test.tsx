import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { GraphNode } from '../../../src/app/graph/GraphNode.tsx';
import type { Placed } from '../../../src/layout/layered.ts';

const placed = {
  node: { id: 'n1', ref: 'dev:1', kind: 'device', label: '00:01.0', detail: 'device', colorKey: 'x' },
  x: 10,
  y: 20,
  w: 120,
  detail: 'device',
} as unknown as Placed;

function drag(el: Element, shiftKey: boolean) {
  fireEvent.pointerDown(el, { button: 0, clientX: 0, clientY: 0, pointerId: 1, shiftKey });
  fireEvent.pointerMove(el, { clientX: 30, clientY: 10, pointerId: 1, shiftKey });
  fireEvent.pointerUp(el, { clientX: 30, clientY: 10, pointerId: 1, shiftKey });
}

function renderNode(movable?: boolean) {
  const onDrag = vi.fn();
  const { getByTestId } = render(
    <svg>
      <GraphNode
        placed={placed}
        tabStop
        selected={false}
        onPath={false}
        simple={false}
        onSelect={() => {}}
        onMenu={() => {}}
        onDrag={onDrag}
        {...(movable === undefined ? {} : { movable })}
      />
    </svg>,
  );
  return { node: getByTestId('node-n1'), onDrag };
}

describe('GraphNode: moving a node is a deliberate gesture', () => {
  it('a plain drag does not move the node (it is left to the pan)', () => {
    const { node, onDrag } = renderNode();
    drag(node, false);
    expect(onDrag).not.toHaveBeenCalled();
  });

  it('Shift+drag moves it, reporting the movement since the press', () => {
    const { node, onDrag } = renderNode();
    expect(node).toHaveAttribute('data-movable');
    drag(node, true);
    expect(onDrag).toHaveBeenLastCalledWith(placed, 30, 10, true);
  });

  it('a locked layout ignores Shift+drag and tells the pan it may start here', () => {
    const { node, onDrag } = renderNode(false);
    expect(node).not.toHaveAttribute('data-movable');
    drag(node, true);
    expect(onDrag).not.toHaveBeenCalled();
  });
});
