// What the commands print on standard output: text as it is, JSON and reports in chunks (a report
// or model can be larger than the longest string V8 can build, ~512 MB), and a reader that goes away
// (`asakit audit big.cfg | head`) ends the command quietly instead of with a stack trace.
import { once } from 'node:events';
import { stringifyChunked } from '@discoveryjs/json-ext';

export function writeOut(s: string): void {
  process.stdout.write(s);
}

/**
 * Writes the pieces in order, about a megabyte at a time, waiting whenever the reader is behind
 * (a pipe takes 64 KB at a time; queueing a gigabyte of writes ends in ENOBUFS).
 */
async function writeChunks(pieces: Iterable<string>): Promise<void> {
  const out = process.stdout;
  const parts: string[] = [];
  let size = 0;
  const flush = async () => {
    const data = parts.join('');
    parts.length = 0;
    size = 0;
    if (!out.write(data)) await once(out, 'drain');
  };
  for (const piece of pieces) {
    parts.push(piece);
    size += piece.length;
    if (size >= 1 << 20) await flush();
  }
  if (parts.length > 0) await flush();
}

/** the value as `JSON.stringify(value, null, 2)` and a newline would print it */
export async function writeJson(value: unknown): Promise<void> {
  await writeChunks(
    (function* () {
      yield* stringifyChunked(value, null, 2);
      yield '\n';
    })(),
  );
}

/** each line and a newline */
export async function writeLines(lines: Iterable<string>): Promise<void> {
  await writeChunks(
    (function* () {
      for (const line of lines) yield `${line}\n`;
    })(),
  );
}

let guarded = false;

/** A closed standard output (EPIPE) ends the process with the status it has so far (once). */
export function quietOnClosedOutput(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      process.stderr.write(`asakit: cannot write the output: ${e.message}\n`);
      process.exit(2);
    }
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
