/**
 * AMD-Vi v2 (x86-64 format) tables sign-extend their top input bit, so Linux gives a v2 domain the
 * lower half only (amd/iommu.c dma_max_address, "Fix geometry.aperture_end for V2 tables"): map
 * refuses what the walk could never translate, as VT-d's first stage does. v1 tables take the width.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/engine/index.ts';
import type { PlatformInput } from '../../src/engine/scenario/schema.ts';
import { build, dmaStep, machine, refused, translated } from '../helpers/engine.ts';

const map = (iova: string): Command => ({ op: 'map', domain: 'd', iova, pa: '0x200000', size: '4KiB', prot: 'rw' });

function withDomain(platform: PlatformInput) {
  return build(
    machine({ hostMemory: '1GiB', ...platform }),
    { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
    { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
    { op: 'attach', domain: 'd', device: 'nic0' },
  ).state;
}

describe('the IOVA aperture of a paging domain', () => {
  it('AMD-Vi v2, 48 bits: the top of the lower half maps and translates, 2^47 is EINVAL', () => {
    const state = withDomain({ iommu: 'amd-vi' });
    const { state: mapped } = build(state, map('0x7ffffffff000'));
    expect(translated(dmaStep(mapped, { device: 'nic0', iova: '0x7ffffffff010', access: 'read' }).r).pa).toBe(
      0x200010n,
    );
    expect(refused(state, map('0x800000000000'), 'EINVAL')).toMatch(/width|beyond/i);
  });

  it('AMD-Vi v2, 57 bits (5-level): 2^56 is EINVAL, just below it maps', () => {
    const state = withDomain({ iommu: 'amd-vi', addressWidth: 57 });
    build(state, map('0xfffffffffff000'));
    refused(state, map('0x100000000000000'), 'EINVAL');
  });

  it('AMD-Vi v1 tables are not sign-extended: 2^47 maps', () => {
    const state = withDomain({ iommu: 'amd-vi', pageTable: 'v1' });
    const { state: mapped } = build(state, map('0x800000000000'));
    expect(translated(dmaStep(mapped, { device: 'nic0', iova: '0x800000000000', access: 'read' }).r).pa).toBe(
      0x200000n,
    );
  });
});
