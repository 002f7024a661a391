/**
 * A thin IndexedDB key-value wrapper for document bodies too big for localStorage (one database,
 * one object store, string values). Written here rather than taking idb-keyval: we need three
 * calls, and every failure (private mode, storage disabled, quota) must come back as a rejected
 * promise with a reason the save warning can name, never a silent loss.
 */
const DB_NAME = 'pasid-atlas';
const STORE = 'documents';

export interface BodyStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** The browser's IndexedDB, or null where there is none (Node, some private modes). */
export function indexedDbStore(given?: IDBFactory): BodyStore | null {
  let factory = given;
  try {
    factory ??= globalThis.indexedDB; // reading it throws in some locked-down browsers
  } catch {
    return null;
  }
  if (factory === undefined) return null;
  const idb = factory;
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      let r: IDBOpenDBRequest;
      try {
        r = idb.open(DB_NAME, 1);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }).catch((e: unknown) => {
      db = null; // let a later call try again
      throw e;
    });
    return db;
  };
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await open()).transaction(STORE, mode);
    const result = request(fn(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  };
  return {
    get: async (key) => {
      const v = await run('readonly', (s) => s.get(key) as IDBRequest<unknown>);
      return typeof v === 'string' ? v : undefined;
    },
    set: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key));
    },
    delete: async (key) => {
      await run('readwrite', (s) => s.delete(key));
    },
  };
}

/** An in-memory BodyStore (tests, and a fallback that at least keeps this tab's work). */
export function memoryBodyStore(): BodyStore & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (k) => Promise.resolve(data.get(k)),
    set: (k, v) => Promise.resolve(void data.set(k, v)),
    delete: (k) => Promise.resolve(void data.delete(k)),
  };
}
