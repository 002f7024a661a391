/**
 * A pending graph focus request (src/app/graph/focusNode.ts) gives focus to its node once drawn,
 * unless the user has moved on meanwhile: then it leaves their focus alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cancelFocusRequest, focusNode } from '../../../src/app/graph/focusNode.ts';

const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });

function drawNode(id: string): SVGGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  g.dataset['node'] = id;
  g.setAttribute('tabindex', '-1');
  svg.append(g);
  document.body.append(svg);
  return g;
}

afterEach(() => {
  cancelFocusRequest();
  document.body.replaceChildren();
});

describe('a graph focus request', () => {
  it('focuses its node once it is drawn', async () => {
    focusNode('mdev:m1');
    await frames(2);
    const g = drawNode('mdev:m1');
    await frames(2);
    expect(document.activeElement).toBe(g);
  });

  it('leaves focus alone when the user moved it meanwhile', async () => {
    const button = document.createElement('button');
    document.body.append(button);
    focusNode('mdev:m1');
    button.focus();
    drawNode('mdev:m1');
    await frames(3);
    expect(document.activeElement).toBe(button);
  });
});
