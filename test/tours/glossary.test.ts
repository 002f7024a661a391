import { describe, expect, it } from 'vitest';
import { GLOSSARY, lookupTerm } from '../../src/glossary/terms.ts';
import { markedTerms, parseMarkup } from '../../src/tours/markup.ts';
import { TOURS } from '../../src/tours/index.ts';

/** Every text a visitor reads in a tour: stop texts, questions, answers, titles, summaries. */
const texts = TOURS.flatMap((t) => [
  { where: `${t.id} summary`, text: t.summary },
  ...t.stops.flatMap((s, i) => [
    { where: `${t.id} stop ${i + 1} title`, text: s.title },
    { where: `${t.id} stop ${i + 1}`, text: s.text },
    ...(s.question
      ? [
          { where: `${t.id} stop ${i + 1} question`, text: s.question.q },
          { where: `${t.id} stop ${i + 1} answer`, text: s.question.a },
        ]
      : []),
  ]),
]);

/** Words written in capitals (2+ capital letters, e.g. PASID, RID_PASID, VT-d, WQ1), outside code spans. */
function acronyms(text: string): string[] {
  const prose = parseMarkup(text)
    .filter((s) => s.kind !== 'code')
    .map((s) => s.text)
    .join(' ');
  return [...prose.matchAll(/\b[A-Z][A-Z0-9_]*[A-Z](?:-[a-z]\b)?/g)].map((m) => m[0]);
}

describe('glossary', () => {
  it('has no duplicate terms or aliases', () => {
    const keys = GLOSSARY.flatMap((t) => [t.term, ...(t.aliases ?? [])].map((k) => k.toLowerCase()));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('defines the key terms of the issue', () => {
    for (const k of [
      'RID',
      'BDF',
      'PASID',
      'DID',
      'IOVA',
      'GPA',
      'HPA',
      'PGTT',
      'IOTLB',
      'mdev',
      'WQ',
      'SIOV',
      'IOAS',
      'HWPT',
      'aux domain',
      'primary domain',
      'RID_PASID',
      'PASID directory',
      'PASID table',
      'context entry',
      'root entry',
      'scalable mode',
      'DMA API',
      'UNMANAGED',
      'IDENTITY',
      'BLOCKED',
      'VFIO',
      'iommufd',
    ]) {
      expect(lookupTerm(k), k).toBeDefined();
    }
  });

  it.each(texts.map((t) => [t.where, t.text] as const))('every marked term in %s is defined', (_where, text) => {
    for (const term of markedTerms(text)) expect(lookupTerm(term), `[[${term}]]`).toBeDefined();
  });

  it.each(texts.map((t) => [t.where, t.text] as const))('every acronym in %s is in the glossary', (_where, text) => {
    for (const a of acronyms(text)) expect(lookupTerm(a), a).toBeDefined();
  });

  it('every tour marks a good share of its terms (at least one link per stop text)', () => {
    for (const t of TOURS) {
      const linked = t.stops.filter((s) => markedTerms(s.text).length > 0).length;
      expect(linked, t.id).toBeGreaterThanOrEqual(Math.ceil(t.stops.length / 2));
    }
  });
});
