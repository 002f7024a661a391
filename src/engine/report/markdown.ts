/**
 * The current configuration as GitHub Markdown: devices, mdevs, VMs, domains with their mappings,
 * PASID entries, iommufd objects, the IOTLB and recent faults. Pure: reads the state, nothing else.
 */
import { PAGE_SIZE, formatSize, hex } from '../hex.ts';
import { domainAttachments } from '../inspect/tables.ts';
import type { Device, Domain, EngineState, Mapping } from '../model.ts';
import { heading, prot, table } from './md.ts';

/** One row of the PASID table view: who reaches which domain through (device, PASID). */
export interface PasidUse {
  readonly device: string;
  readonly pasid: number;
  readonly domain: string;
  readonly via: 'primary' | 'aux' | 'iommufd';
}

/** Every (device, PASID) → domain the software state knows about, RID_PASID (0) included. */
export function pasidUses(state: EngineState): PasidUse[] {
  const out: PasidUse[] = [];
  const seen = new Set<string>();
  const push = (u: PasidUse) => {
    const k = `${u.device}/${u.pasid}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(u);
  };
  for (const d of state.devices.values())
    if (d.primary !== null) push({ device: d.id, pasid: 0, domain: d.primary, via: 'primary' });
  for (const a of state.aux) {
    const pasid = state.domains.get(a.domain)?.auxPasid;
    if (pasid !== null && pasid !== undefined) push({ device: a.device, pasid, domain: a.domain, via: 'aux' });
  }
  for (const p of state.pasidAttach) push({ device: p.device, pasid: p.pasid, domain: p.domain, via: 'iommufd' });
  return out;
}

/** A mapping as `IOVA range → PA range`, size and permissions. */
export function mappingRow(m: Mapping): [string, string, string, string] {
  const iova = BigInt(m.iovaPfn) * BigInt(PAGE_SIZE);
  const pa = BigInt(m.pfn) * BigInt(PAGE_SIZE);
  const size = BigInt(m.pages) * BigInt(PAGE_SIZE);
  return [
    `${hex(iova)}–${hex(iova + size - 1n)}`,
    `${hex(pa)}–${hex(pa + size - 1n)}`,
    formatSize(size),
    prot(m.read, m.write),
  ];
}

function wqText(dev: Device): string {
  if (dev.kind !== 'parent') return '—';
  return dev.wqs
    .map((u, i) => {
      const use = u.by === 'mdev' ? `mdev ${u.mdev}` : u.by;
      const pasid = dev.wqPasid[i];
      return `WQ${i}: ${use}${pasid === null || pasid === undefined ? '' : ` (PASID ${pasid})`}`;
    })
    .join('; ');
}

function whereAttached(state: EngineState, dom: Domain): string {
  const { primary, aux } = domainAttachments(state, dom.id);
  const parts = [
    ...primary.map((d) => `${d} (RID)`),
    ...aux.map(
      (a) =>
        `${a.mdev ?? a.device}${a.wq === null ? '' : ` WQ${a.wq}`} (aux PASID ${dom.auxPasid ?? '?'} on ${a.device})`,
    ),
    ...state.pasidAttach.filter((p) => p.domain === dom.id).map((p) => `${p.device} PASID ${p.pasid}`),
  ];
  return parts.join(', ');
}

const RECENT_FAULTS = 10;

/**
 * Where the state sits in its document's log, counted as the app counts steps (src/store/stepNumbers.ts:
 * from 1, refused steps included): "after step 20 of 20 (19 applied, 1 refused)".
 */
export interface LogPosition {
  readonly cursor: number;
  readonly count: number;
}

function stepsText(state: EngineState, log: LogPosition | undefined): string {
  if (log === undefined) return `${state.seq} commands applied`;
  const refused = Math.max(0, log.cursor - state.seq);
  return `after step ${log.cursor} of ${log.count} (${log.cursor - refused} applied${refused > 0 ? `, ${refused} refused` : ''})`;
}

/** The whole configuration of `state` as Markdown (`title` becomes the heading). */
export function markdownSummary(state: EngineState, title = 'PASID Atlas state', log?: LogPosition): string {
  const out: string[] = [heading(1, title), ''];
  out.push(
    `VT-d scalable mode, ${state.platform.addressWidth}-bit address width, ${formatSize(state.platform.hostMemory)} host memory, root table at ${hex(state.rootTable)}; ${stepsText(state, log)}.`,
    '',
  );

  out.push('## Devices', '');
  out.push(
    table(
      ['Device', 'BDF', 'RID', 'Kind', 'PASID capability', 'Primary domain', 'VM', 'WQs'],
      [...state.devices.values()].map((d) => [
        d.id,
        d.bdf,
        hex(d.rid),
        d.kind,
        d.pasidCap ? `yes (${d.pasidBits} bits)` : 'no',
        d.primary,
        d.vm,
        wqText(d),
      ]),
    ),
  );

  out.push('## Mediated devices', '');
  out.push(
    table(
      ['Mdev', 'Parent', 'WQ', 'VM'],
      [...state.mdevs.values()].map((m) => [m.id, m.parent, m.wq, m.vm]),
    ),
  );

  out.push('## VMs', '');
  out.push(
    table(
      ['VM', 'RAM', 'HPA range'],
      [...state.vms.values()].map((v) => [
        v.id,
        formatSize(v.memory),
        `${hex(v.hpa)}–${hex(BigInt(v.hpa) + BigInt(v.memory) - 1n)}`,
      ]),
    ),
  );

  out.push('## Domains', '');
  const domains = [...state.domains.values()];
  out.push(
    table(
      ['Domain', 'Type', 'DID', 'PASID', 'Page-table root', 'Mappings', 'Attached to'],
      domains.map((d) => [
        d.id,
        d.type,
        d.did,
        d.auxPasid,
        d.pgd === null ? null : hex(d.pgd),
        d.mappings.length,
        whereAttached(state, d),
      ]),
    ),
  );
  for (const d of domains) {
    if (d.mappings.length === 0) continue;
    out.push(heading(3, `Mappings of ${d.id}`), '');
    out.push(table(['IOVA', 'PA', 'Size', 'Prot'], d.mappings.map(mappingRow)));
  }

  out.push('## PASIDs', '');
  out.push(
    table(
      ['Device', 'PASID', 'Domain', 'Via'],
      pasidUses(state).map((u) => [u.device, u.pasid === 0 ? '0 (RID_PASID)' : u.pasid, u.domain, u.via]),
    ),
  );

  if (state.ioasids.size > 0) {
    out.push('## IOASIDs', '');
    out.push(
      table(
        ['IOASID', 'Domain'],
        [...state.ioasids.values()].map((i) => [i.id, i.domain]),
      ),
    );
  }
  if (state.ioas.size > 0) {
    out.push('## IOAS (iommufd)', '');
    out.push(
      table(
        ['IOAS', 'Object id', 'Areas'],
        [...state.ioas.values()].map((i) => [
          i.id,
          i.objId,
          i.areas.map((a) => mappingRow(a).slice(0, 2).join(' → ')).join('; '),
        ]),
      ),
    );
  }
  const hwpts = domains.filter((d) => d.hwpt !== null);
  if (hwpts.length > 0) {
    out.push('## HWPTs (iommufd)', '');
    out.push(
      table(
        ['HWPT', 'Object id', 'Type', 'IOAS', 'Parent', 'Nest parent', 'Auto'],
        hwpts.map((d) => [d.id, d.hwpt!.objId, d.type, d.hwpt!.ioas, d.hwpt!.parent, d.hwpt!.nestParent, d.hwpt!.auto]),
      ),
    );
  }

  out.push('## IOTLB', '');
  out.push(`${state.iotlb.entries().length} entries.`, '');

  out.push('## Recent faults', '');
  const faults = state.faults.slice(-RECENT_FAULTS);
  out.push(
    table(
      ['#', 'Device', 'Source id', 'PASID', 'Address', 'Access', 'Reason', 'Fault'],
      faults.map((f) => [f.seq, f.device, hex(f.sourceId), f.pasid, hex(f.address), f.access, hex(f.reason), f.fault]),
    ),
  );
  if (state.faultCount > faults.length)
    out.push(`${state.faultCount} faults recorded in all; the last ${faults.length} are shown.`, '');
  return out.join('\n');
}
