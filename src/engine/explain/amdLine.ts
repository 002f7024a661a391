/**
 * AMD-Vi event lines (drivers/iommu/amd/iommu.c `iommu_print_event`,
 * `amd_iommu_report_page_fault`):
 * - today: `nvme 0000:01:00.0: AMD-Vi: Event logged [IO_PAGE_FAULT domain=0x000c address=0xffffc080 flags=0x0050]`
 *   (the driver's own prefix names the device), or without it
 *   `AMD-Vi: Event logged [IO_PAGE_FAULT device=0000:07:00.0 domain=0x0007 address=… flags=…]`;
 * - other events: `iommu ivhd0: AMD-Vi: Event logged [ILLEGAL_DEV_TABLE_ENTRY device=… pasid=… address=… flags=…]`;
 * - 3.x/4.x: `AMD-Vi: Event logged [IO_PAGE_FAULT device=02:00.0 domain=0x0017 address=0x00000000be9f9880 flags=0x0010]`,
 *   and before printk continuations were merged, `AMD-Vi: Event logged [` with the event on the next line.
 * `domain=` holds the PASID when the GN flag is set (guest/PASID-tagged request).
 */
import { AMD_FLAG, amdEvent, amdFlagWords } from './amdEvents.ts';
import { hexOut, normalBdf, parseHex, stripPrefix } from './logText.ts';
import type { ExplainedFault } from './types.ts';

const LOGGED = /Event logged \[\s*([A-Z][A-Z_]+)?([^\]]*)\]?/;
const NAME_NEXT = /\b([A-Z][A-Z_]{5,})\b([^\]]*)\]?/;
const PREFIX_DEVICE = /(?:^|\s)((?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]):\s+(?:AMD-Vi:\s+)?Event logged/i;
const IOMMU_NAME = /(?:^|\s)iommu (\S+):\s+(?:AMD-Vi:\s+)?Event logged/;

function fields(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of body.matchAll(/(\w+)=([0-9a-fx:.]+)/gi)) out.set(m[1]!.toLowerCase(), m[2]!);
  return out;
}

/** The AMD-Vi event starting at `lines[i]`, or null. */
export function amdFaultAt(lines: readonly string[], i: number): ExplainedFault | null {
  const text = lines[i]!;
  const m = LOGGED.exec(text);
  if (!m || !/AMD-Vi|AMD IOMMU|ivhd|Event logged \[[A-Z_]+ /.test(text)) return null;
  let name = m[1];
  let body = m[2] ?? '';
  let end = i;
  if (name === undefined) {
    // "[Device not attached to domain properly]" (6.x) carries no address: not an event we explain.
    if (body.trim() !== '') return null;
    // Old kernels: "AMD-Vi: Event logged [" then "IO_PAGE_FAULT device=… ]" on its own line.
    const next = i + 1 < lines.length ? NAME_NEXT.exec(stripPrefix(lines[i + 1]!)) : null;
    if (!next) return null;
    name = next[1]!;
    body = next[2] ?? '';
    end = i + 1;
  }
  const f = fields(body);
  const flagsText = f.get('flags');
  const flags = flagsText === undefined ? null : Number(parseHex(flagsText));
  const info = amdEvent(name, flags);
  const prefixDevice = PREFIX_DEVICE.exec(text)?.[1];
  const fieldDevice = f.get('device');
  const device = normalBdf(prefixDevice ?? fieldDevice ?? '') ?? IOMMU_NAME.exec(text)?.[1] ?? 'AMD-Vi';
  const gn = flags !== null && (flags & AMD_FLAG.GN) !== 0;
  const pasidText = f.get('pasid') ?? f.get('domain');
  const addrText = f.get('address') ?? f.get('gpa');
  return {
    line: i + 1,
    iommu: 'amd-vi',
    device,
    pasid: gn && pasidText !== undefined ? Number(parseHex(pasidText)) : null,
    addr: hexOut(addrText === undefined ? 0n : parseHex(addrText)),
    access: flags === null ? null : (flags & AMD_FLAG.RW) !== 0 ? 'write' : 'read',
    reason: name,
    meaning: info.meaning,
    structure: info.structure,
    fault: info.fault,
    text: info.text,
    details: [
      ...(f.has('domain') && !gn ? [`DomainID ${f.get('domain')}`] : []),
      ...(flags === null
        ? []
        : [
            `flags ${hexOut(flags)}${flags === 0 ? ' (none set: a read of a page that is not present)' : ''}`,
            ...amdFlagWords(flags),
          ]),
    ],
    endLine: end + 1,
  };
}
