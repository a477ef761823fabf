// The Compare tab: one query, two settings side by side, the overlap of their top k and how hits moved.

import { api } from './api.js';
import { $, h, clear, showError, fmtMs } from './dom.js';
import { renderHit } from './search.js';
import { fillDeployments, renderAnswer, citationList } from './chat.js';

const SIDES = ['left', 'right'];
let choicesLoaded = false;
let collectionNames = [];
let deploymentNames = [];
let defaultCollection = '';
let running = null;

const PRESETS = {
  modes: () => [{ label: 'vector', mode: 'vector' }, { label: 'keyword', mode: 'keyword' }],
  fusion: () => [{ label: 'rrf', mode: 'hybrid', fusion: 'rrf' }, { label: 'weighted', mode: 'hybrid', fusion: 'weighted', weight: 0.5 }],
  hybrid: () => [{ label: 'keyword', mode: 'keyword' }, { label: 'hybrid', mode: 'hybrid' }],
  diversity: () => [{ label: 'diversity 0', mode: 'hybrid', diversity: 0 }, { label: 'diversity 0.5', mode: 'hybrid', diversity: 0.5 }],
  tuning: () => [{ label: 'untuned', mode: 'hybrid', tuning: 'none' }, { label: 'tuned', mode: 'hybrid', tuning: 'active' }],
  deployments: () => {
    const [a, b] = [deploymentNames[0] || '', deploymentNames[1] || deploymentNames[0] || ''];
    return [{ label: a || 'left', mode: 'hybrid', deployment: a }, { label: b || 'right', mode: 'hybrid', deployment: b }];
  },
  collections: () => {
    const [a, b] = [collectionNames[0] || '', collectionNames[1] || collectionNames[0] || ''];
    return [{ label: a || 'left', mode: 'hybrid', collection: a }, { label: b || 'right', mode: 'hybrid', collection: b }];
  },
};

function id(side, name) {
  return `compare-${side}-${name}`;
}

function field(labelText, control, cls = 'field') {
  return h('div', { class: cls }, h('label', { for: control.id }, labelText), control);
}

function buildSide(side) {
  const fs = $(`${id(side, 'settings')}`);
  const weightOut = h('output', { id: id(side, 'weight-value'), for: id(side, 'weight') }, '0.50');
  const divOut = h('output', { id: id(side, 'diversity-value'), for: id(side, 'diversity') }, '0.00');
  const weight = h('input', { id: id(side, 'weight'), type: 'range', min: '0', max: '1', step: '0.05', value: '0.5' });
  const diversity = h('input', { id: id(side, 'diversity'), type: 'range', min: '0', max: '1', step: '0.05', value: '0' });
  weight.addEventListener('input', () => { weightOut.textContent = Number(weight.value).toFixed(2); });
  diversity.addEventListener('input', () => { divOut.textContent = Number(diversity.value).toFixed(2); });
  fs.append(
    h('div', { class: 'options' },
      field('Label', h('input', { id: id(side, 'label'), type: 'text', value: side, autocomplete: 'off' })),
      field('Mode', h('select', { id: id(side, 'mode') },
        h('option', { value: 'hybrid' }, 'hybrid'), h('option', { value: 'vector' }, 'vector'), h('option', { value: 'keyword' }, 'keyword'))),
      field('Fusion', h('select', { id: id(side, 'fusion') },
        h('option', { value: '' }, 'server default'), h('option', { value: 'rrf' }, 'rrf'),
        h('option', { value: 'weighted' }, 'weighted'), h('option', { value: 'adaptive' }, 'adaptive'), h('option', { value: 'distribution' }, 'distribution'))),
      h('div', { class: 'field' }, h('label', { for: weight.id }, 'Vector weight ', weightOut), weight),
      h('div', { class: 'field' }, h('label', { for: diversity.id }, 'Diversity ', divOut), diversity),
      field('Tuning', h('select', { id: id(side, 'tuning'), title: 'the collection\'s active tuning profile (quarry tune), none, or one saved profile' },
        h('option', { value: 'active' }, 'active profile'), h('option', { value: 'none' }, 'none (untuned)'))),
      field('Path prefix', h('input', { id: id(side, 'path'), type: 'text', autocomplete: 'off' })),
      field('Collection', h('select', { id: id(side, 'collection') }, h('option', { value: '' }, 'server default'))),
      field('Answer with', h('select', { id: id(side, 'deployment') }, h('option', { value: '' }, 'no answer'))),
    ));
  fs.addEventListener('input', (e) => {
    if (e.isTrusted) $('compare-preset').value = 'custom';
    syncSide(side);
  });
  fs.addEventListener('change', () => syncSide(side));
  $(id(side, 'collection')).addEventListener('change', () => fillTunings(side));
  syncSide(side);
}

/** The side's collection's saved tuning profiles, each with what it measured on held-out queries. */
async function fillTunings(side) {
  const select = $(id(side, 'tuning'));
  const prev = select.value;
  clear(select).append(h('option', { value: 'active' }, 'active profile'), h('option', { value: 'none' }, 'none (untuned)'));
  const name = $(id(side, 'collection')).value || defaultCollection;
  if (!name) return;
  try {
    const res = await api(`/v1/collections/${encodeURIComponent(name)}/tuning`);
    for (const p of (res && res.profiles) || []) {
      const held = `held-out hybrid ${p.untunedHybrid.toFixed(3)} → ${p.tunedHybrid.toFixed(3)}`;
      select.append(h('option', { value: String(p.version) },
        `profile ${p.version}${p.version === res.active ? ' (active)' : ''} — ${held}`));
    }
  } catch (err) {
    // A reader key without that collection, or an older server: active and none still work.
  }
  select.value = [...select.options].some((o) => o.value === prev) ? prev : 'active';
}

function syncSide(side) {
  const hybrid = $(id(side, 'mode')).value === 'hybrid';
  $(id(side, 'fusion')).disabled = !hybrid;
  $(id(side, 'weight')).disabled = !hybrid || $(id(side, 'fusion')).value !== 'weighted';
}

function applyPreset(name) {
  const make = PRESETS[name];
  if (!make) return;
  const pair = make();
  SIDES.forEach((side, i) => {
    const p = pair[i];
    $(id(side, 'label')).value = p.label || side;
    $(id(side, 'mode')).value = p.mode || 'hybrid';
    $(id(side, 'fusion')).value = p.fusion || '';
    $(id(side, 'weight')).value = String(p.weight ?? 0.5);
    $(id(side, 'diversity')).value = String(p.diversity ?? 0);
    $(id(side, 'tuning')).value = p.tuning || 'active';
    $(id(side, 'weight-value')).textContent = Number($(id(side, 'weight')).value).toFixed(2);
    $(id(side, 'diversity-value')).textContent = Number($(id(side, 'diversity')).value).toFixed(2);
    setSelect(id(side, 'collection'), p.collection || '');
    setSelect(id(side, 'deployment'), p.deployment || '');
    syncSide(side);
    if (choicesLoaded) fillTunings(side);
  });
}

function setSelect(selectId, value) {
  const select = $(selectId);
  if ([...select.options].some((o) => o.value === value)) select.value = value;
  else select.value = '';
}

export function initCompare() {
  SIDES.forEach(buildSide);
  $('compare-preset').addEventListener('change', () => applyPreset($('compare-preset').value));
  applyPreset($('compare-preset').value);
  $('compare-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  document.addEventListener('quarry:key', () => {
    choicesLoaded = false;
    if (!$('panel-compare').hidden) loadChoices();
  });
}

export function onCompareShown() {
  if (!choicesLoaded) loadChoices();
}

async function loadChoices() {
  const status = clear($('compare-status'));
  choicesLoaded = true;
  const problems = [];
  try {
    const res = await api('/v1/collections');
    const list = Array.isArray(res && res.collections) ? res.collections : [];
    collectionNames = list.map((c) => c.name);
    defaultCollection = (res && res.default) || '';
    for (const side of SIDES) {
      const select = $(id(side, 'collection'));
      const prev = select.value;
      clear(select).append(h('option', { value: '' }, res && res.default ? `server default (${res.default})` : 'server default'));
      for (const c of list) {
        const about = [c.model, c.documents != null ? `${c.documents} docs` : null, c.chunks != null ? `${c.chunks} chunks` : null].filter(Boolean).join(', ');
        select.append(h('option', { value: c.name }, about ? `${c.name} — ${about}` : c.name));
      }
      setSelect(select.id, prev);
    }
  } catch (err) {
    // An older server has no collections; comparing settings still works.
    if (err.status !== 404) problems.push([err, 'Could not list collections']);
  }
  try {
    const first = await fillDeployments($(id('left', 'deployment')), { withNone: 'no answer' });
    await fillDeployments($(id('right', 'deployment')), { withNone: 'no answer' });
    deploymentNames = (first && first.chat) || [];
  } catch (err) {
    problems.push([err, 'Could not list deployments']);
  }
  await Promise.all(SIDES.map(fillTunings));
  if (['deployments', 'collections'].includes($('compare-preset').value)) applyPreset($('compare-preset').value);
  for (const [err, ctx] of problems) {
    const box = h('div');
    showError(box, err, ctx);
    status.append(...box.childNodes);
  }
  if (problems.length) choicesLoaded = false;
}

function readSide(side) {
  const s = { label: $(id(side, 'label')).value.trim() || side, mode: $(id(side, 'mode')).value };
  if (s.mode === 'hybrid' && $(id(side, 'fusion')).value) {
    s.fusion = { method: $(id(side, 'fusion')).value };
    if (s.fusion.method === 'weighted') s.fusion.vectorWeight = Number($(id(side, 'weight')).value);
  }
  const diversity = Number($(id(side, 'diversity')).value);
  if (diversity > 0) s.diversity = diversity;
  const tuning = $(id(side, 'tuning')).value;
  if (tuning !== 'active') s.tuning = /^\d+$/.test(tuning) ? Number(tuning) : tuning;
  const path = $(id(side, 'path')).value.trim();
  if (path) s.filter = { pathPrefix: path };
  const collection = $(id(side, 'collection')).value;
  if (collection) s.collection = collection;
  const deployment = $(id(side, 'deployment')).value;
  if (deployment) s.deployment = deployment;
  return s;
}

async function run() {
  const status = clear($('compare-status'));
  const query = $('compare-query').value.trim();
  const overlap = $('compare-overlap');
  if (!query) {
    showError(status, { title: 'No query', detail: 'type a query to compare', field: 'query' });
    $('compare-query').focus();
    return;
  }
  const body = { query, k: Math.round(Number($('compare-k').value) || 10), left: readSide('left'), right: readSide('right') };
  if (running) running.abort();
  const controller = new AbortController();
  running = controller;
  $('compare-run').disabled = true;
  overlap.textContent = 'Comparing…';
  try {
    const res = await api('/v1/compare', { method: 'POST', body, signal: controller.signal });
    if (running !== controller) return;
    render(res, body);
  } catch (err) {
    if (err.name === 'AbortError') return;
    overlap.textContent = '';
    clear($('compare-left'));
    clear($('compare-right'));
    showError(status, err, 'Compare failed');
  } finally {
    if (running === controller) {
      running = null;
      $('compare-run').disabled = false;
    }
  }
}

/** The hits of a side, whether the server nests them under `search` or puts them on the side itself. */
function searchOf(side) {
  if (!side) return { hits: [] };
  return side.search && Array.isArray(side.search.hits) ? side.search : side;
}

function movesOf(res, leftHits, rightHits) {
  const map = new Map();
  if (Array.isArray(res.moves) && res.moves.length) {
    for (const m of res.moves) map.set(m.chunkId, { left: m.leftRank ?? null, right: m.rightRank ?? null });
    return map;
  }
  for (const hit of leftHits) map.set(hit.chunkId, { left: hit.rank, right: null });
  for (const hit of rightHits) {
    const m = map.get(hit.chunkId) || { left: null, right: null };
    m.right = hit.rank;
    map.set(hit.chunkId, m);
  }
  return map;
}

function render(res, body) {
  const k = res.k || body.k;
  const left = searchOf(res.left);
  const right = searchOf(res.right);
  const leftHits = left.hits || [];
  const rightHits = right.hits || [];
  const moves = movesOf(res, leftHits, rightHits);
  let shared;
  let atK;
  if (res.overlap && typeof res.overlap.shared === 'number') {
    shared = res.overlap.shared;
    atK = typeof res.overlap.atK === 'number' ? res.overlap.atK : shared / k;
  } else {
    shared = [...moves.values()].filter((m) => m.left != null && m.right != null).length;
    atK = shared / k;
  }
  const overlap = $('compare-overlap');
  clear(overlap).append(
    h('strong', {}, `overlap@${k}: ${shared}/${k} (${Math.round(atK * 100)}%)`));
  if (res.overlap && typeof res.overlap.sharedDocuments === 'number') {
    overlap.append(h('span', { class: 'overlap-docs' }, ` · documents in common: ${res.overlap.sharedDocuments}/${k}`));
  }
  renderSide($('compare-left'), 'left', res.left, body.left, left, moves);
  renderSide($('compare-right'), 'right', res.right, body.right, right, moves);
}

function moveBadge(side, m) {
  if (side === 'left') {
    if (m.right == null) return h('span', { class: 'move dropped', title: 'not in the right top k' }, 'dropped');
    return h('span', { class: 'move same', title: `rank ${m.right} on the right` }, `→ #${m.right}`);
  }
  if (m.left == null) return h('span', { class: 'move new', title: 'not in the left top k' }, 'new');
  const d = m.left - m.right;
  if (d > 0) return h('span', { class: 'move up', title: `${d} places higher than on the left` }, `▲${d}`);
  if (d < 0) return h('span', { class: 'move down', title: `${-d} places lower than on the left` }, `▼${-d}`);
  return h('span', { class: 'move same', title: 'same rank on both sides' }, '=');
}

function renderSide(col, side, data, sent, search, moves) {
  clear(col);
  const label = (data && data.label) || sent.label || side;
  const about = [sent.mode];
  if (sent.fusion) about.push(sent.fusion.method + (sent.fusion.vectorWeight != null ? ` ${sent.fusion.vectorWeight}` : ''));
  if (sent.diversity) about.push(`diversity ${sent.diversity}`);
  if (sent.tuning === 'none') about.push('untuned');
  else if (typeof sent.tuning === 'number') about.push(`tuning profile ${sent.tuning}`);
  if (sent.filter && sent.filter.pathPrefix) about.push(`path ${sent.filter.pathPrefix}`);
  const collection = (data && data.collection) || sent.collection;
  if (collection) about.push(`collection ${collection}`);
  const deployment = (data && data.deployment) || sent.deployment;
  if (deployment) about.push(`answer: ${deployment}`);
  const took = search.tookMs != null ? search.tookMs : data && data.tookMs;
  col.append(h('h2', { class: 'side-label' }, label),
    h('p', { class: 'meta' }, about.join(' · ') + (took != null ? ` · ${fmtMs(took)}` : '')));
  const answer = data && data.answer;
  if (answer) {
    const text = h('div', { class: 'answer' });
    renderAnswer(text, answer.answer || '', answer.citations || []);
    col.append(h('div', { class: `side-answer${answer.notFound ? ' not-found' : ''}` },
      h('h3', {}, `Answer (${answer.deployment || deployment || 'default'})`), text,
      (answer.citations || []).length ? citationList(answer.citations) : null));
  }
  const hits = search.hits || [];
  if (!hits.length) {
    col.append(h('p', { class: 'empty' }, 'No results.'));
    return;
  }
  const list = h('ol', { class: 'hit-list' });
  for (const hit of hits) {
    const m = moves.get(hit.chunkId) || { left: side === 'left' ? hit.rank : null, right: side === 'right' ? hit.rank : null };
    const card = renderHit(hit, { extra: moveBadge(side, m) });
    if (m.left != null && m.right != null) card.classList.add('shared');
    card.addEventListener('mouseenter', () => link(hit.chunkId, true));
    card.addEventListener('mouseleave', () => link(hit.chunkId, false));
    card.addEventListener('focusin', () => link(hit.chunkId, true));
    card.addEventListener('focusout', () => link(hit.chunkId, false));
    list.append(h('li', {}, card));
  }
  col.append(list);
}

/** Marks the same chunk in both columns while one of them is hovered or focused. */
function link(chunkId, on) {
  for (const el of document.querySelectorAll('#panel-compare .hit')) {
    if (el.dataset.chunkId === chunkId) el.classList.toggle('linked', on);
  }
}
