// A small hand-written SVG line chart for the benchmark: time against lines, both axes
// logarithmic, one polyline per measurement. No dependencies; the output is a few kilobytes.

export interface ChartSeries {
  label: string;
  color: string;
  /** [lines, milliseconds]; points with a missing or non-positive value are skipped */
  points: [number, number | undefined][];
  /** SVG stroke-dasharray for reference lines */
  dash?: string;
  /** draw point markers (default true) */
  markers?: boolean;
}

export interface ChartOptions {
  title: string;
  subtitle?: string;
  width?: number;
  height?: number;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function fmtLines(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(n);
}

function fmtMs(ms: number): string {
  if (ms >= 1000) return `${+(ms / 1000).toFixed(1)} s`;
  if (ms >= 1) return `${+ms.toFixed(1)} ms`;
  return `${+ms.toFixed(2)} ms`;
}

/** The smallest 1, 2 or 5 times a power of ten that is at least v. */
function niceUp(v: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const k of [1, 2, 5, 10]) if (k * p >= v * 0.999) return k * p;
  return 10 * p;
}

/** Grid values of a log axis: 1, 2 and 5 times each power of ten from 10^lo to 10^hi, up to max. */
function logTicks(lo: number, hi: number, max: number): { v: number; k: number }[] {
  const out: { v: number; k: number }[] = [];
  for (let d = lo; d <= hi; d++) {
    for (const k of [1, 2, 5]) {
      const v = k * Math.pow(10, d);
      if (v > max) break;
      out.push({ v, k });
    }
  }
  return out;
}

/** Renders the chart; returns the SVG document text. */
export function growthSvg(series: ChartSeries[], opts: ChartOptions): string {
  const W = opts.width ?? 760;
  const H = opts.height ?? 460;
  const m = { left: 64, right: 150, top: opts.subtitle ? 52 : 36, bottom: 44 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;

  const pts = series.flatMap((s) =>
    s.points.filter((p): p is [number, number] => p[1] !== undefined && p[1] > 0 && p[0] > 0),
  );
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const xMin = Math.pow(10, Math.floor(Math.log10(Math.min(...xs, 1000))));
  const xMax = niceUp(Math.max(...xs, 10_000));
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.max(Math.min(...ys, 1), 0.01))));
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...ys, 10))));
  const lx0 = Math.log10(xMin);
  const lx1 = Math.log10(xMax);
  const ly0 = Math.log10(yMin);
  const ly1 = Math.log10(yMax);
  const X = (v: number) => m.left + ((Math.log10(v) - lx0) / (lx1 - lx0)) * pw;
  const Y = (v: number) => m.top + ph - ((Math.log10(v) - ly0) / (ly1 - ly0)) * ph;
  const r = (v: number) => v.toFixed(1);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${m.left}" y="20" font-size="15" font-weight="bold">${esc(opts.title)}</text>`,
  );
  if (opts.subtitle)
    out.push(`<text x="${m.left}" y="38" fill="#555">${esc(opts.subtitle)}</text>`);

  // Grid: a solid line per decade, faint lines at 2x and 5x.
  const grid: string[] = [];
  const labels: string[] = [];
  for (const { v, k } of logTicks(lx0, lx1, xMax)) {
    const x = r(X(v));
    grid.push(
      `<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="${k === 1 ? '#ccc' : '#eee'}"/>`,
    );
    if (k === 1 || pw / (lx1 - lx0) > 120)
      labels.push(
        `<text x="${x}" y="${m.top + ph + 16}" text-anchor="middle" fill="${k === 1 ? '#333' : '#888'}">${fmtLines(v)}</text>`,
      );
  }
  for (const { v, k } of logTicks(ly0, ly1, yMax)) {
    const y = r(Y(v));
    grid.push(
      `<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="${k === 1 ? '#ccc' : '#eee'}"/>`,
    );
    if (k === 1)
      labels.push(
        `<text x="${m.left - 6}" y="${y}" dy="4" text-anchor="end" fill="#333">${fmtMs(v)}</text>`,
      );
  }
  out.push(...grid);
  out.push(
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`,
    ...labels,
    `<text x="${m.left + pw / 2}" y="${H - 8}" text-anchor="middle" fill="#333">configuration lines (log)</text>`,
    `<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" fill="#333">time (log)</text>`,
  );

  // Series and legend.
  series.forEach((s, i) => {
    const p = s.points.filter(
      (q): q is [number, number] => q[1] !== undefined && q[1] > 0 && q[0] > 0,
    );
    if (p.length === 0) return;
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    out.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${p
        .map(([x, y]) => `${r(X(x))},${r(Y(y))}`)
        .join(' ')}"/>`,
    );
    if (s.markers !== false)
      for (const [x, y] of p)
        out.push(`<circle cx="${r(X(x))}" cy="${r(Y(y))}" r="2.5" fill="${s.color}"/>`);
    const ly = m.top + 10 + i * 20;
    const lx = m.left + pw + 12;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 28}" y="${ly}" dy="4">${esc(s.label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
