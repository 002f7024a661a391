import type { Domain, EngineState } from '../../engine/index.ts';
import { domainAttachments, dumpRootAndContext } from '../../engine/inspect/tables.ts';
import { Fields } from './Fields.tsx';
import { MappingsTable } from './MappingsTable.tsx';
import { PasidEntriesTable } from './PasidEntriesTable.tsx';
import { hexOf } from './format.ts';

export interface DomainInspectorProps {
  readonly state: EngineState;
  readonly domain: Domain;
}

/** An iommu_domain: type, DID, PASID, its page table, mappings, attachments and the PASID entries naming it. */
export function DomainInspector({ state, domain }: DomainInspectorProps) {
  const att = domainAttachments(state, domain.id);
  const where = [
    ...att.primary.map((d) => `${d} (RID, primary)`),
    ...att.aux.map((a) => `${a.device} PASID ${domain.auxPasid ?? '?'}${a.mdev ? ` for ${a.mdev}` : a.wq !== null ? ` WQ ${a.wq}` : ''} (aux)`),
  ];
  const entries = domain.did === null ? [] : dumpRootAndContext(state).flatMap((d) => d.pasids.filter((p) => p.did === domain.did).map((p) => ({ ...p, device: d.device })));
  return (
    <>
      <h3>Domain {domain.id}</h3>
      <Fields
        rows={[
          ['Type', domain.type],
          ['DID', domain.did ?? 'none'],
          ['PASID', domain.auxPasid ?? '—'],
          ['Page-table root', <span className="mono">{domain.pgd === null ? 'none' : hexOf(domain.pgd)}</span>],
          ['Table frames', domain.tableFrames],
          ['IOASID', domain.ioasid ?? '—'],
          ['Attached at', where.length > 0 ? where.join('; ') : 'nowhere'],
        ]}
      />
      <MappingsTable mappings={domain.mappings} />
      <PasidEntriesTable rows={entries} caption={`PASID entries tagged DID ${domain.did ?? '—'}`} compact />
    </>
  );
}
