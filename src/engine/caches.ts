/**
 * The VT-d caches besides the IOTLB (VT-d §6.2): the context cache (context entries by source id),
 * the PASID cache (PASID-table entries by source id and PASID) and, for devices with ATS, the device
 * TLB (the device's own ATC of translations). MODEL.md's default platform models the IOTLB alone;
 * `platform.caches: "all"` turns these on for the invalidation lab. Like the IOTLB, an EntryCaches
 * in a state is never changed: a draft clones it before its first change.
 */
import { Iotlb } from './iotlb.ts';

/** Present entries only are cached (hardware never caches not-present entries). */
export class EntryCaches {
  /** source id → context entry words 0-2 (P/PASIDE/PDTS/PASIDDIRPTR and RID_PASID). */
  context = new Map<number, readonly number[]>();
  /** source id * 2^20 + PASID → PASID-table entry words 0-5. */
  pasid = new Map<number, readonly number[]>();
  /** source id → the device's ATC (devices with ATS only). */
  devtlb = new Map<number, Iotlb>();

  static pasidKey(sid: number, pasid: number): number {
    return sid * 2 ** 20 + pasid;
  }

  /** Drop PASID-cache entries tagged with `did` (and `pasid`, when given). */
  dropPasid(did: number, pasid?: number): number {
    let n = 0;
    for (const [key, words] of this.pasid) {
      const samePasid = pasid === undefined || key % 2 ** 20 === pasid;
      if (samePasid && ((words[2] ?? 0) & 0xffff) === did) {
        this.pasid.delete(key);
        n++;
      }
    }
    return n;
  }

  /** The device TLB of `sid`, created on first use. */
  atc(sid: number): Iotlb {
    let t = this.devtlb.get(sid);
    if (t === undefined) {
      t = new Iotlb(64);
      this.devtlb.set(sid, t);
    }
    return t;
  }

  clone(): EntryCaches {
    const c = new EntryCaches();
    c.context = new Map(this.context);
    c.pasid = new Map(this.pasid);
    for (const [sid, t] of this.devtlb) c.devtlb.set(sid, t.clone());
    return c;
  }
}
