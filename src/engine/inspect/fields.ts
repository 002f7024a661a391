/**
 * The shapes the decoders return, in a module of their own so that decode.ts and decodeVendor.ts both use them
 * without importing each other.
 */

/** One named field of an entry; `bits` are absolute within the entry (qword 1 starts at bit 64). */
export interface DecodedField {
  readonly name: string;
  readonly bits: string;
  readonly value: string | number;
  readonly meaning: string;
}

/** One field of the address (or PASID) bit strip. `id` matches the walk structure it indexes. */
export interface AddressField {
  readonly id: string;
  readonly group: 'pasid' | 'address' | 'rid';
  readonly label: string;
  readonly hi: number;
  readonly lo: number;
  readonly bits: string;
  readonly value: number | string;
}
