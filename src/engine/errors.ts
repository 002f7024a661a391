/**
 * Engine errors: Linux errno names plus a message that names the objects involved.
 * Ops raise them with `fail()`; the command dispatcher (commands.ts) is the only place that
 * catches them, so a failed command is always discarded whole and the state is left as it was.
 */
export type Errno =
  'ENOENT' | 'EEXIST' | 'EINVAL' | 'EBUSY' | 'ENOMEM' | 'ENODEV' | 'ENOSPC' | 'EPERM' | 'EOPNOTSUPP' | 'EIO';

export interface EngineErrorInfo {
  readonly code: Errno;
  readonly message: string;
}

export class EngineError extends Error {
  readonly code: Errno;
  constructor(code: Errno, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Abort the current command with an errno. */
export function fail(code: Errno, message: string): never {
  throw new EngineError(code, message);
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
