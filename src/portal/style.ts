// The portal's one stylesheet, served from the portal itself (/static/portal-<hash>.css); no
// external fonts or assets. Classes of the syntax highlighter: k keyword, n name, a address,
// num number, c comment/free text, p permit, d deny.
import { createHash } from 'node:crypto';

export const CSS = `
:root {
  --bg: #f6f7f9; --fg: #1d2430; --muted: #5b6576; --line: #d9dee6; --card: #fff;
  --accent: #1f5fa8; --accent-fg: #fff; --bar: #1c2a3a;
  --k: #1f5fa8; --n: #7a3e9d; --a: #a85a00; --num: #0a6b63; --c: #6a737d; --p: #17803d; --d: #c0262d;
  --add-bg: #e6f6ea; --add-fg: #12652f; --del-bg: #fdecec; --del-fg: #a3232a;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.45; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
header.bar { background: var(--bar); color: #e8edf3; }
header.bar .wrap { display: flex; align-items: center; gap: 1.25rem; padding-top: .6rem; padding-bottom: .6rem; }
header.bar .brand { font-weight: 700; letter-spacing: .02em; color: #fff; }
header.bar .brand span { color: #8fb8e6; font-weight: 500; }
header.bar nav { display: flex; gap: 1rem; flex: 1; }
header.bar nav a { color: #c9d6e4; }
header.bar nav a.current { color: #fff; font-weight: 600; }
header.bar .who { color: #9fb0c3; font-size: .9rem; }
header.bar form { margin: 0; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 1.25rem; }
main.wrap { padding-top: 1.25rem; padding-bottom: 2.5rem; }
h1 { font-size: 1.45rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .6rem; }
p.lead { color: var(--muted); margin-top: -.3rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.narrow { max-width: 420px; margin: 3rem auto; }
label { display: block; font-weight: 600; margin: .8rem 0 .25rem; }
input[type=email], input[type=password], input[type=text], select {
  width: 100%; padding: .5rem .6rem; border: 1px solid #b8c1cd; border-radius: 6px; font: inherit; background: #fff; }
select { width: auto; }
button, .button { display: inline-block; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-fg); font: inherit; font-weight: 600; cursor: pointer; }
button.link { background: none; border: none; color: #c9d6e4; padding: 0; font-weight: 400; }
button.link:hover { color: #fff; text-decoration: underline; }
.button.secondary { background: #fff; color: var(--accent); }
.actions { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin: .6rem 0 1rem; }
.error { background: var(--del-bg); color: var(--del-fg); border: 1px solid #f2c4c6; border-radius: 6px; padding: .55rem .8rem; }
.note { background: #eef4fb; border: 1px solid #cfe0f3; border-radius: 6px; padding: .55rem .8rem; color: #24476e; }
.muted { color: var(--muted); }
small { color: var(--muted); }
table { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
th, td { text-align: left; padding: .45rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; font-weight: 600; font-size: .9rem; color: #3b4657; }
tr:last-child td { border-bottom: none; }
td.r, th.r { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; font-size: .78rem; padding: .05rem .5rem; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); }
.badge.changed { background: #fff4e0; border-color: #f1cf94; color: #8a5300; }
.badge.plus { background: var(--add-bg); border-color: #b6e2c1; color: var(--add-fg); }
.badge.minus { background: var(--del-bg); border-color: #f2c4c6; color: var(--del-fg); }
pre.asa { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 0; overflow-x: auto;
  font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86rem; line-height: 1.5;
  counter-reset: ln; margin: 0; }
pre.asa .l { display: block; padding: 0 1rem 0 0; white-space: pre; }
pre.asa .l::before { counter-increment: ln; content: counter(ln); display: inline-block; width: 3.2rem; padding-right: .9rem;
  text-align: right; color: #a4adba; user-select: none; }
.k { color: var(--k); }
.n { color: var(--n); }
.a { color: var(--a); }
.num { color: var(--num); }
.c { color: var(--c); font-style: italic; }
.p { color: var(--p); font-weight: 700; }
.d { color: var(--d); font-weight: 700; }
pre.diff .l::before, pre.audit .l::before { content: none; }
pre.audit .l { white-space: pre-wrap; padding-left: 1rem; text-indent: 0; }
pre.diff .l { padding-left: .9rem; }
pre.diff .add { background: var(--add-bg); }
pre.diff .del { background: var(--del-bg); }
pre.diff .mark { display: inline-block; width: 1.4rem; color: var(--muted); user-select: none; }
pre.diff .add .mark { color: var(--add-fg); font-weight: 700; }
pre.diff .del .mark { color: var(--del-fg); font-weight: 700; }
pre.diff .skip { color: var(--muted); font-style: italic; background: #f3f5f8; }
form.inline { display: flex; gap: .6rem; align-items: end; flex-wrap: wrap; }
form.inline label { margin: 0 0 .2rem; font-size: .88rem; }
.section-head { display: flex; align-items: baseline; gap: .6rem; }
footer.foot { color: var(--muted); font-size: .85rem; padding: 1.5rem 0 2rem; border-top: 1px solid var(--line); }
.prose { max-width: 760px; }
.prose li { margin: .25rem 0; }
`;

export const CSS_HASH = createHash('sha256').update(CSS).digest('hex').slice(0, 12);
export const CSS_PATH = `/static/portal-${CSS_HASH}.css`;

/** The favicon (an SVG shield), served by the portal itself so browsers do not ask elsewhere. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 4 6v9c0 7.5 5.1 13.3 12 15 6.9-1.7 12-7.5 12-15V6z" fill="#1c2a3a"/><path d="M10 16h12M10 11h12M10 21h8" stroke="#8fb8e6" stroke-width="2.2" stroke-linecap="round"/></svg>`;
export const ICON_PATH = `/static/icon-${createHash('sha256').update(ICON_SVG).digest('hex').slice(0, 12)}.svg`;
