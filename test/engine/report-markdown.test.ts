/** The Markdown summary of the three-WQs scenario: the rows a reader expects to find. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { markdownSummary } from '../../src/engine/report/markdown.ts';
import { build, machine } from '../helpers/engine.ts';

function threeWqs() {
  const parsed = parseScenarioText(
    readFileSync(new URL('../../src/scenarios/three-wqs.json', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return runScenario(parsed.value).state;
}

describe('markdownSummary', () => {
  const md = markdownSummary(threeWqs(), 'Three WQs');

  it('lists the device with BDF, RID, PASID capability and WQ use', () => {
    expect(md).toContain('# Three WQs');
    expect(md).toMatch(
      /\| dsa0 \| 0000:6a:01\.0 \| 0x6a08 \| parent \| yes \(20 bits\) \| domain1 \| — \| WQ0: host; WQ1: mdev mdev1 \(PASID 1\); WQ2: mdev mdev2 \(PASID 2\) \|/,
    );
  });

  it('counts steps as the header does (from 1, refused steps included) when given the log position', () => {
    // The seed has 18 steps; the last (createMdev on a used WQ) is refused: the header says step 18/18.
    expect(markdownSummary(threeWqs(), 'Three WQs', { cursor: 18, count: 18 })).toContain(
      '; after step 18 of 18 (17 applied, 1 refused).',
    );
    expect(md).toContain('; 17 commands applied.');
  });

  it('lists mdevs and VMs with their HPA ranges', () => {
    expect(md).toContain('| mdev1 | dsa0 | 1 | vm1 |');
    expect(md).toContain('| mdev2 | dsa0 | 2 | vm2 |');
    expect(md).toContain('| vm1 | 1GiB | 0x40000000–0x7fffffff |');
    expect(md).toContain('| vm2 | 1GiB | 0x80000000–0xbfffffff |');
  });

  it('lists domains with DID, PASID, where attached, and mappings as IOVA → PA rows', () => {
    expect(md).toMatch(/\| domain1 \| DMA \| 2 \| — \| 0x[0-9a-f]+ \| 1 \| dsa0 \(RID\) \|/);
    expect(md).toMatch(
      /\| vm1\.gpa\.domain \| UNMANAGED \| \d+ \| 1 \| 0x[0-9a-f]+ \| 1 \| mdev1 WQ1 \(aux PASID 1 on dsa0\) \|/,
    );
    expect(md).toContain('### Mappings of domain1');
    expect(md).toContain('| 0xffff0000–0xffffffff | 0x10000000–0x1000ffff | 64KiB | rw |');
    expect(md).toContain('| 0x0–0x3fffffff | 0x40000000–0x7fffffff | 1GiB | rw |');
  });

  it('lists PASIDs, the IOTLB and the recent faults', () => {
    expect(md).toContain('| dsa0 | 0 (RID_PASID) | domain1 | primary |');
    expect(md).toContain('| dsa0 | 1 | vm1.gpa.domain | aux |');
    expect(md).toContain('| dsa0 | 2 | vm2.gpa.domain | aux |');
    expect(md).toMatch(/## IOTLB\n\n3 entries\./);
    expect(md).toMatch(/\| \d+ \| dsa0 \| 0x6a08 \| — \| 0xffff1000 \| read \| 0x39 \| no-context \|/);
    expect(md).toMatch(/\| mdev1 \| 0x6a08 \| 1 \| 0x40000000 \| read \| 0x\w+ \| not-mapped \|/);
  });
});

describe('markdownSummary escapes user strings (issue 9)', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const state = build(
    machine(),
    { op: 'addDevice', id: evil, bdf: '0000:3b:00.0', kind: 'pdev' },
    { op: 'allocDomain', id: 'a|b\n# c *x* [l](javascript:1)', type: 'UNMANAGED' },
    { op: 'attach', domain: 'a|b\n# c *x* [l](javascript:1)', device: evil },
    { op: 'map', domain: 'a|b\n# c *x* [l](javascript:1)', iova: '0x0', pa: '0x0', size: '4KiB', prot: 'r' },
  ).state;
  const md = markdownSummary(state, '<script>alert(1)</script>\n## injected _t_ & more');
  /** A character that is not escaped by a backslash (an even run of backslashes before it). */
  const unescaped = (ch: string) => new RegExp(`(^|[^\\\\])(\\\\\\\\)*${ch}`, 'm');

  it('keeps HTML out: no raw tag or entity start reaches the output', () => {
    expect(md).not.toMatch(unescaped('<'));
    expect(md).not.toMatch(unescaped('&'));
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
  });

  it('the title is one escaped heading line', () => {
    expect(md.split('\n')[0]).toBe('# \\<script\\>alert(1)\\</script\\> \\#\\# injected \\_t\\_ \\& more');
    expect(md).not.toMatch(/^## injected/m);
  });

  it('ids cannot break a table row or start a heading', () => {
    const lines = md.split('\n');
    const cells = (l: string) => l.match(new RegExp(unescaped('\\|').source, 'gm'))?.length ?? 0;
    const head = lines.findIndex((l) => l.startsWith('| Device |'));
    expect(cells(lines[head + 2]!)).toBe(cells(lines[head]!)); // the device row has as many cells as the header
    const domains = lines.findIndex((l) => l.startsWith('| Domain |'));
    expect(cells(lines[domains + 2]!)).toBe(cells(lines[domains]!));
    expect(md).not.toMatch(/^# c/m);
    expect(md).toContain('### Mappings of a\\|b \\# c \\*x\\* \\[l\\](javascript:1)');
  });
});
