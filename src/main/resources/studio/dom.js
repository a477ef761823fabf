// Small DOM helpers. Text always goes in as text nodes; nothing here parses HTML.

/**
 * Creates an element. attrs: class, text, dataset, on<Event> handlers, boolean or string attributes.
 * Children: nodes, strings (as text), arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.setAttribute('class', value);
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function $(id) {
  return document.getElementById(id);
}

/** An error box for a failed call: the problem's title, detail and field, readable and announced. */
export function errorBox(err, context) {
  const title = (err && err.title) || (err && err.name === 'TypeError' ? 'Unexpected error' : 'Error');
  const detail = err ? (err.detail !== undefined ? err.detail : err.message || String(err)) : '';
  const box = h('div', { class: 'error', role: 'alert' },
    h('strong', { class: 'error-title' }, context ? `${context}: ${title}` : title),
    detail ? h('span', { class: 'error-detail' }, ' — ', detail) : null,
    err && err.field ? h('span', { class: 'error-field' }, ` (field: ${err.field})`) : null,
  );
  if (err && err.status === 401) {
    box.append(h('p', { class: 'error-hint' }, 'This server needs an API key: enter it in the “API key” field at the top and press Save.'));
  } else if (err && err.status === 403 && !err.field) {
    box.append(h('p', { class: 'error-hint' }, 'The API key does not allow this.'));
  }
  return box;
}

/** Replaces the content of a container with an error box. */
export function showError(container, err, context) {
  clear(container);
  container.append(errorBox(err, context));
}

export function fmt(n, digits = 3) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const x = Number(n);
  if (Math.abs(x) >= 100) return x.toFixed(1);
  return x.toFixed(digits);
}

export function fmtMs(ms) {
  if (ms === null || ms === undefined) return '';
  const x = Number(ms);
  return x < 10 ? `${x.toFixed(2)} ms` : `${Math.round(x)} ms`;
}

/**
 * Renders chunk text with highlight sentences as spans and matched terms as <mark>. Ranges are offsets into text
 * (highlights: [{start, end, terms: [[s, e], …]}]); out-of-range or malformed ones are ignored.
 */
export function highlightedText(text, highlights, extraMarks = []) {
  const frag = document.createDocumentFragment();
  const s = String(text || '');
  const sentences = [];
  const terms = [];
  const ok = (a, b) => Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b <= s.length && a < b;
  for (const hl of highlights || []) {
    if (!hl) continue;
    if (ok(hl.start, hl.end)) sentences.push([hl.start, hl.end]);
    for (const t of hl.terms || []) {
      if (Array.isArray(t) && ok(t[0], t[1])) terms.push([t[0], t[1]]);
    }
  }
  for (const r of extraMarks) if (r && ok(r[0], r[1])) terms.push([r[0], r[1]]);
  // Sentences without matched terms (e.g. from a server that sends none) are marked whole.
  if (terms.length === 0) for (const r of sentences) terms.push(r);
  const cuts = new Set([0, s.length]);
  for (const [a, b] of [...sentences, ...terms]) {
    cuts.add(a);
    cuts.add(b);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const inside = (ranges, a, b) => ranges.some(([x, y]) => x <= a && b <= y);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === b) continue;
    const piece = s.slice(a, b);
    if (inside(terms, a, b)) frag.append(h('mark', {}, piece));
    else if (inside(sentences, a, b)) frag.append(h('span', { class: 'hl-sentence' }, piece));
    else frag.append(document.createTextNode(piece));
  }
  return frag;
}

export function splitList(value) {
  return String(value || '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Epoch milliseconds of the start (or end) of a yyyy-mm-dd date in local time, or null. */
export function dateMillis(value, endOfDay = false) {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return null;
  const date = endOfDay ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return date.getTime();
}

export function numberOrNull(input) {
  const v = input.value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
