// The Search tab, and the hit card shared with Compare.

import { api } from './api.js';
import { $, h, clear, showError, fmt, fmtMs, highlightedText, splitList, dateMillis, numberOrNull } from './dom.js';
import { openDoc, openOriginal } from './docview.js';
import { inCollection } from './collection.js';

let offset = 0;
let lastK = 10;
let running = null;

export function initSearch() {
  const form = $('search-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    offset = 0;
    run();
  });
  bindOutput('search-vector-weight', 'search-vector-weight-value');
  bindOutput('search-diversity', 'search-diversity-value');
  $('search-mode').addEventListener('change', syncFusion);
  $('search-fusion').addEventListener('change', syncFusion);
  syncFusion();
  $('search-prev').addEventListener('click', () => {
    offset = Math.max(0, offset - lastK);
    run();
  });
  $('search-next').addEventListener('click', () => {
    offset += lastK;
    run();
  });
}

export function bindOutput(inputId, outputId) {
  const input = $(inputId);
  const out = $(outputId);
  const update = () => {
    out.textContent = Number(input.value).toFixed(2);
  };
  input.addEventListener('input', update);
  update();
}

/** Fusion settings only matter in hybrid mode; the vector weight only for weighted fusion. */
function syncFusion() {
  const hybrid = $('search-mode').value === 'hybrid';
  $('search-fusion').disabled = !hybrid;
  $('search-vector-weight').disabled = !hybrid || $('search-fusion').value !== 'weighted';
}

/** The filter object of the search form, or undefined when nothing filters. */
export function readFilter(prefix) {
  const filter = {};
  const path = $(`${prefix}-path`);
  if (path && path.value.trim()) filter.pathPrefix = path.value.trim();
  const types = $(`${prefix}-type`) ? splitList($(`${prefix}-type`).value) : [];
  if (types.length) filter.types = types;
  const tags = $(`${prefix}-tags`) ? splitList($(`${prefix}-tags`).value) : [];
  if (tags.length) filter.tags = tags;
  const after = $(`${prefix}-after`) ? dateMillis($(`${prefix}-after`).value) : null;
  if (after !== null) filter.modifiedFrom = after;
  const before = $(`${prefix}-before`) ? dateMillis($(`${prefix}-before`).value, true) : null;
  if (before !== null) filter.modifiedTo = before;
  return Object.keys(filter).length ? filter : undefined;
}

function readRequest() {
  const query = $('search-query').value.trim();
  const k = Math.round(Number($('search-k').value) || 10);
  const body = { query, k, offset, mode: $('search-mode').value, highlight: true };
  if (body.mode === 'hybrid' && $('search-fusion').value) {
    body.fusion = { method: $('search-fusion').value };
    if (body.fusion.method === 'weighted') body.fusion.vectorWeight = Number($('search-vector-weight').value);
  }
  const diversity = Number($('search-diversity').value);
  if (diversity > 0) body.diversity = diversity;
  if ($('search-collapse').checked) body.collapse = true;
  if ($('search-repeats').checked) body.repeats = true;
  const minScore = numberOrNull($('search-min-score'));
  if (minScore !== null) body.minScore = minScore;
  const filter = readFilter('search');
  if (filter) body.filter = filter;
  return inCollection(body);
}

async function run() {
  const results = $('search-results');
  const meta = $('search-meta');
  const query = $('search-query').value.trim();
  if (!query) {
    meta.textContent = '';
    showError(results, { title: 'No query', detail: 'type something to search for', field: 'query' });
    $('search-query').focus();
    return;
  }
  const body = readRequest();
  lastK = body.k;
  if (running) running.abort();
  const controller = new AbortController();
  running = controller;
  $('search-run').disabled = true;
  results.setAttribute('aria-busy', 'true');
  meta.textContent = 'Searching…';
  try {
    const res = await api('/v1/search', { method: 'POST', body, signal: controller.signal });
    if (running !== controller) return;
    render(res, body);
  } catch (err) {
    if (err.name === 'AbortError') return;
    meta.textContent = '';
    $('search-pager').hidden = true;
    showError(results, err, 'Search failed');
  } finally {
    if (running === controller) {
      running = null;
      $('search-run').disabled = false;
      results.removeAttribute('aria-busy');
    }
  }
}

function render(res, body) {
  const results = clear($('search-results'));
  const hits = (res && res.hits) || [];
  const from = (res.offset || 0) + 1;
  $('search-meta').textContent = hits.length
    ? `Results ${from}–${from + hits.length - 1} for “${res.query}” (${res.mode}) in ${fmtMs(res.tookMs)}`
    : `No results for “${res.query}” (${res.mode}) in ${fmtMs(res.tookMs)}`;
  if (!hits.length) {
    results.append(h('p', { class: 'empty' }, offset > 0 ? 'No more results.' : 'Nothing matched. Try another query, mode or fewer filters.'));
  }
  const list = h('ol', { class: 'hit-list', start: String(from) });
  for (const hit of hits) list.append(h('li', {}, renderHit(hit, { extra: judge(hit, res.query) })));
  if (hits.length) results.append(list);
  $('search-pager').hidden = offset === 0 && hits.length < body.k;
  $('search-prev').disabled = offset === 0;
  $('search-next').disabled = hits.length < body.k;
}

/**
 * Marks that say whether a hit answers the query: each is a judgment that `quarry tune` learns from (writers may
 * judge; a reader's key is told so).
 */
export function judge(hit, query) {
  const status = h('span', { class: 'judge-status', role: 'status' });
  const mark = (grade, label, text) => h('button', {
    type: 'button',
    class: 'secondary judge',
    'aria-pressed': 'false',
    'aria-label': `${label}: ${hit.title || hit.path || 'this hit'}`,
    title: `${label} (a judgment tuning learns from)`,
    onclick: async (event) => {
      const button = event.currentTarget;
      try {
        await api(`/v1/collections/${encodeURIComponent(hit.collection)}/judgments`, {
          method: 'POST',
          body: { judgments: [{ query, docId: hit.docId, grade }], source: 'studio' },
        });
        for (const b of button.parentElement.querySelectorAll('button.judge')) b.setAttribute('aria-pressed', String(b === button));
        status.textContent = 'judged';
      } catch (err) {
        status.textContent = err.status === 403 ? 'judging needs a writer key' : `not saved: ${err.message}`;
      }
    },
  }, text);
  return h('span', { class: 'judge-marks' }, mark(1, 'Relevant', '✓'), mark(0, 'Not relevant', '✗'), status);
}

/** Where else a hit's text is: the hits left out of the list because they repeat it, each opening at its passage. */
function renderRepeats(hit) {
  const links = hit.repeats.map((r) => h('button', {
    type: 'button',
    class: 'link repeat',
    onclick: () => openDoc({ collection: hit.collection, docId: r.docId, chunkId: r.chunkId, title: r.path, path: r.path }),
  }, r.path));
  return h('p', { class: 'hit-repeats' }, 'Also in ', links);
}

/** One hit as a card: title, where it is, scores, the text with highlights, and an Open button. */
export function renderHit(hit, { extra } = {}) {
  const where = [hit.path, hit.section, hit.page ? `page ${hit.page}` : null].filter(Boolean);
  const scores = hit.scores || {};
  const scoreParts = [h('span', { class: 'score-total', title: 'fused score' }, `score ${fmt(hit.score, 4)}`)];
  if (scores.vector !== undefined && scores.vector !== null) scoreParts.push(h('span', { class: 'score-part score-vector' }, `vector ${fmt(scores.vector)}`));
  if (scores.keyword !== undefined && scores.keyword !== null) scoreParts.push(h('span', { class: 'score-part score-keyword' }, `keyword ${fmt(scores.keyword)}`));
  const open = h('button', {
    type: 'button',
    class: 'secondary open-doc',
    'aria-label': `Open ${hit.title || hit.path || 'document'}`,
    onclick: () => openDoc({ collection: hit.collection, docId: hit.docId, chunkId: hit.chunkId, highlights: hit.highlights, title: hit.title, path: hit.path }),
  }, 'Open');
  const original = h('button', {
    type: 'button',
    class: 'secondary open-original',
    'aria-label': `Open the original of ${hit.title || hit.path || 'document'} at this passage`,
    onclick: () => openOriginal({ collection: hit.collection, docId: hit.docId, page: hit.page, passage: hit.text }),
  }, 'Original ↗');
  return h('article', { class: 'hit', dataset: { chunkId: hit.chunkId || '', docId: hit.docId || '' } },
    h('header', { class: 'hit-head' },
      h('span', { class: 'rank', 'aria-label': `rank ${hit.rank}` }, `#${hit.rank}`),
      h('h3', { class: 'hit-title' }, hit.title || hit.path || hit.docId || 'Untitled'),
      extra || null,
      open,
      original),
    h('p', { class: 'hit-where' }, where.join(' › ')),
    h('p', { class: 'hit-scores' }, scoreParts),
    h('p', { class: 'hit-text' }, highlightedText(hit.text, hit.highlights)),
    Array.isArray(hit.repeats) && hit.repeats.length ? renderRepeats(hit) : null,
    Array.isArray(hit.tags) && hit.tags.length
      ? h('p', { class: 'tags' }, hit.tags.map((t) => h('span', { class: 'tag' }, t)))
      : null);
}
