/** Small display helpers shared by the tables and the inspector. */
import { formatSize } from '../../engine/index.ts';
import type { Mapping } from '../../engine/index.ts';

export const hexOf = (n: number | bigint): string => '0x' + n.toString(16);

export function perms(read: boolean, write: boolean): string {
  return `${read ? 'r' : '-'}${write ? 'w' : '-'}`;
}

export function sizeOf(bytes: number): string {
  return formatSize(bytes);
}

/** A mapping as IOVA range → PA range. */
export function mappingText(m: Mapping): { iova: string; pa: string; size: string; perms: string } {
  return {
    iova: hexOf(BigInt(m.iovaPfn) * 4096n),
    pa: hexOf(BigInt(m.pfn) * 4096n),
    size: formatSize(BigInt(m.pages) * 4096n),
    perms: perms(m.read, m.write),
  };
}
