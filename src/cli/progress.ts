/**
 * Build progress: a live line on a terminal (done/total, current document,
 * ETA), plain lines when output is not a TTY or CI=true, nothing with --quiet.
 */
export type ProgressMode = 'live' | 'plain' | 'quiet';

export function progressMode(quiet: boolean, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): ProgressMode {
  if (quiet) return 'quiet';
  if (!stream.isTTY || env.CI === 'true' || env.CI === '1') return 'plain';
  return 'live';
}

export class Progress {
  private done = 0;
  private readonly started = Date.now();
  private current = '';
  private shown = false;

  constructor(
    private readonly mode: ProgressMode,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  start(source: string): void {
    this.current = source;
    this.draw();
  }

  /** Called after each document; `line` is printed in plain mode. */
  finish(line: string): void {
    this.done++;
    if (this.mode === 'plain') this.stream.write(line + '\n');
    this.draw();
  }

  /** Print a line above the live line (diagnostics), on this stream or another (GitHub annotations go to stdout). */
  log(line: string, stream: { write(text: string): unknown } = this.stream): void {
    if (this.mode === 'live' && this.shown) this.stream.write('\r\x1b[2K');
    stream.write(line + '\n');
    this.draw();
  }

  end(): void {
    if (this.mode === 'live' && this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  private draw(): void {
    if (this.mode !== 'live') return;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.done > 0 ? Math.round((elapsed / this.done) * (this.total - this.done)) : null;
    const width = (this.stream.columns ?? 80) - 1;
    const text = `[${this.done}/${this.total}] ${this.current}${eta != null ? `  ETA ${eta}s` : ''}`;
    this.stream.write('\r\x1b[2K' + text.slice(0, width));
    this.shown = true;
  }
}
