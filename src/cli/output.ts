// What the commands print on standard output: text as it is, JSON in chunks (a report or model
// can be larger than the longest string V8 can build, ~512 MB), and a reader that goes away
// (`asakit audit big.cfg | head`) ends the command quietly instead of with a stack trace.
import { stringifyChunked } from '@discoveryjs/json-ext';

export function writeOut(s: string): void {
  process.stdout.write(s);
}

/** the value as `JSON.stringify(value, null, 2)` and a newline would print it */
export function writeJson(value: unknown): void {
  const parts: string[] = [];
  let size = 0;
  for (const chunk of stringifyChunked(value, null, 2)) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      process.stdout.write(parts.join(''));
      parts.length = 0;
      size = 0;
    }
  }
  parts.push('\n');
  process.stdout.write(parts.join(''));
}

/** A closed standard output (EPIPE) ends the process with the status it has so far. */
export function quietOnClosedOutput(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') {
      process.stderr.write(`asakit: cannot write the output: ${e.message}\n`);
      process.exit(2);
    }
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
