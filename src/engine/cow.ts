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
abstract class Cow<C extends Map<unknown, unknown> | Set<unknown>> {
  protected current: C;
  private copied = false;
  private inPlace = false;
  /** Undo steps of in-place writes (made on the first one: most drafts write few collections). */
  protected undo: (() => void)[] | null = null;
  private readonly owner: Ownership | undefined;
  constructor(base: C, owner: Ownership | undefined) {
    this.current = base;
    this.owner = owner;
  }
  protected abstract copy(c: C): C;
  /** For a set/add: the collection to write and whether writes are logged for undo. */
  protected writable(): { target: C; logged: boolean } {
    if (!this.copied) {
      this.copied = true;
      if (this.owner?.owns(this.current) === true) this.inPlace = true;
      else {
        this.current = this.copy(this.current);
        this.owner?.adopt(this.current);
      }
    }
    return { target: this.current, logged: this.inPlace };
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
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
    this.undo = null;
  }
  result(): C {
    return this.current;
  }
}

/** A Map that copies its base on the first write (or writes it in place, see Ownership). */
export class CowMap<K, V> extends Cow<Map<K, V>> {
  constructor(base: ReadonlyMap<K, V>, owner?: Ownership) {
    super(base as Map<K, V>, owner);
  }
  protected copy(m: Map<K, V>): Map<K, V> {
    return new Map(m);
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
    const { target, logged } = this.writable();
    if (logged) {
      if (target.has(key)) {
        const old = target.get(key) as V;
        (this.undo ??= []).push(() => target.set(key, old));
      } else (this.undo ??= []).push(() => target.delete(key));
    }
    target.set(key, value);
  }
  delete(key: K): void {
    this.detached().delete(key);
  }
}

/** A Set that copies its base on the first write (or writes it in place, see Ownership). */
export class CowSet<T> extends Cow<Set<T>> {
  constructor(base: ReadonlySet<T>, owner?: Ownership) {
    super(base as Set<T>, owner);
  }
  protected copy(s: Set<T>): Set<T> {
    return new Set(s);
  }
  has(v: T): boolean {
    return this.current.has(v);
  }
  add(v: T): void {
    const { target, logged } = this.writable();
    if (logged && !target.has(v)) (this.undo ??= []).push(() => target.delete(v));
    target.add(v);
  }
  delete(v: T): void {
    this.detached().delete(v);
  }
}
