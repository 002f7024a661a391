/**
 * Copy-on-write collections for a command's Draft, and the ownership that lets a replay skip the
 * copies. A command normally copies each Map or Set it writes (the old state stays as it was), which
 * costs O(size) per command: replaying a fleet (1,024 mdevs assigned one by one) spent most of its
 * time copying the same maps. A replay that keeps only some of the states it passes through (the
 * store's checkpoints) hands an Ownership to applyCommand: a collection a previous command of the
 * same replay created, and that no kept state holds yet, is written in place, with an undo log so a
 * refused command still leaves its input state exactly as it was (insertion order included).
 */

/** The collections a replay may write in place. `release()` before keeping a state (a checkpoint). */
export class Ownership {
  private owned = new WeakSet();
  owns(x: object): boolean {
    return this.owned.has(x);
  }
  adopt(x: object): void {
    this.owned.add(x);
  }
  /** Every collection adopted so far becomes shared: the next write to it copies. */
  release(): void {
    this.owned = new WeakSet();
  }
}

/**
 * The in-place writes of one command: undone in reverse on refusal. Only `set` of a key and `add`
 * of a value are done in place (undone by restoring the old value, which keeps the key's position,
 * or by deleting a new key, which was last); a delete first copies, so order is never disturbed.
 */
/** The old value of a key that was not there (undone by deleting it). */
const ABSENT: unique symbol = Symbol('absent');
type Old<V> = V | typeof ABSENT;

abstract class Cow<C extends Map<unknown, unknown> | Set<unknown>, K> {
  protected current: C;
  private copied = false;
  private inPlace = false;
  /** In-place writes as (key, old value) pairs, flat (made on the first one: most drafts write few collections). */
  private undo: unknown[] | null = null;
  private readonly owner: Ownership | undefined;
  constructor(base: C, owner: Ownership | undefined) {
    this.current = base;
    this.owner = owner;
  }
  protected abstract copy(c: C): C;
  /** Put `key` back as it was before an in-place write (`ABSENT`: it was not there). */
  protected abstract restore(key: K, old: unknown): void;
  /** Before a set/add: make `current` writable; true when writes to it are logged for undo (in place). */
  protected writable(): boolean {
    if (!this.copied) {
      this.copied = true;
      if (this.owner?.owns(this.current) === true) this.inPlace = true;
      else {
        this.current = this.copy(this.current);
        this.owner?.adopt(this.current);
      }
    }
    return this.inPlace;
  }
  protected logWrite(key: K, old: unknown): void {
    (this.undo ??= []).push(key, old);
  }
  /** For a delete: never in place (restoring a deleted key would move it to the end). */
  protected detached(): C {
    if (this.inPlace) {
      const mine = this.copy(this.current);
      this.rollback();
      this.current = mine;
      this.inPlace = false;
      this.owner?.adopt(mine);
    } else this.writable();
    return this.current;
  }
  /** Undo in-place writes (the command was refused). */
  rollback(): void {
    const undo = this.undo ?? [];
    for (let i = undo.length - 2; i >= 0; i -= 2) this.restore(undo[i] as K, undo[i + 1]);
    this.undo = null;
  }
  result(): C {
    return this.current;
  }
}

/** A Map that copies its base on the first write (or writes it in place, see Ownership). */
export class CowMap<K, V> extends Cow<Map<K, V>, K> {
  constructor(base: ReadonlyMap<K, V>, owner?: Ownership) {
    super(base as Map<K, V>, owner);
  }
  protected copy(m: Map<K, V>): Map<K, V> {
    return new Map(m);
  }
  protected restore(key: K, old: unknown): void {
    if (old === ABSENT) this.current.delete(key);
    else this.current.set(key, old as V);
  }
  get(key: K): V | undefined {
    return this.current.get(key);
  }
  has(key: K): boolean {
    return this.current.has(key);
  }
  values(): IterableIterator<V> {
    return this.current.values();
  }
  get size(): number {
    return this.current.size;
  }
  set(key: K, value: V): void {
    if (this.writable()) {
      const old: Old<V> = this.current.has(key) ? (this.current.get(key) as V) : ABSENT;
      this.logWrite(key, old);
    }
    this.current.set(key, value);
  }
  delete(key: K): void {
    this.detached().delete(key);
  }
}

/** A Set that copies its base on the first write (or writes it in place, see Ownership). */
export class CowSet<T> extends Cow<Set<T>, T> {
  constructor(base: ReadonlySet<T>, owner?: Ownership) {
    super(base as Set<T>, owner);
  }
  protected copy(s: Set<T>): Set<T> {
    return new Set(s);
  }
  protected restore(v: T): void {
    this.current.delete(v);
  }
  has(v: T): boolean {
    return this.current.has(v);
  }
  add(v: T): void {
    if (this.writable() && !this.current.has(v)) this.logWrite(v, ABSENT);
    this.current.add(v);
  }
  delete(v: T): void {
    this.detached().delete(v);
  }
}
