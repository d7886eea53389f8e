// A one-line progress bar on standard error, shown only when it is a terminal (and not in CI).
export class ProgressBar {
  readonly active: boolean;
  private shown = false;
  private last = 0;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.active = !!stream.isTTY && total > 1 && !process.env['CI'];
  }

  /** `done` of `total` finished; `detail` (e.g. the current file) is shown after the count */
  update(done: number, detail = ''): void {
    if (!this.active) return;
    // redraw at most ten times a second (DNS checks report thousands of steps), but always the last
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const width = 28;
    const filled = Math.round((Math.min(done, this.total) / this.total) * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    const cols = this.stream.columns || 80;
    const line = `${this.label} [${bar}] ${done}/${this.total} ${detail}`.slice(0, cols - 1);
    this.stream.write(`\r\x1b[K${line}`);
    this.shown = true;
  }

  /** clears the bar so a normal line can be printed (and at the end) */
  clear(): void {
    if (this.active && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
