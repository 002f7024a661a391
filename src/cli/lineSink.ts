/**
 * Buffered line output for the runner: lines are joined into chunks of about 64 KiB before one
 * `write`, the writer waits for `drain` when the stream asks it to (so memory stays bounded even
 * when the reader is slow), and a reader that goes away (EPIPE, as in `… | head -1`) closes the
 * sink quietly instead of crashing with a stack trace.
 */
import type { Writable } from 'node:stream';

const CHUNK = 64 * 1024;

export class LineSink {
  private parts: string[] = [];
  private size = 0;
  /** True once the reader has gone away: nothing more will be written. */
  closed = false;
  private readonly out: Writable;

  constructor(out: Writable) {
    this.out = out;
    out.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw e;
    });
  }

  /** Queue one line (without its newline); returns a promise only when the caller must wait. */
  line(text: string): Promise<void> | undefined {
    if (this.closed) return undefined;
    this.parts.push(text);
    this.size += text.length + 1;
    return this.size >= CHUNK ? this.flush() : undefined;
  }

  /** Write what is queued; resolves once the stream can take more. */
  flush(): Promise<void> | undefined {
    if (this.parts.length === 0 || this.closed) return undefined;
    const chunk = this.parts.join('\n') + '\n';
    this.parts = [];
    this.size = 0;
    if (this.out.write(chunk)) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }
}
