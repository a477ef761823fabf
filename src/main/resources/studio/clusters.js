// The Clusters tab: a scatter of the 2-D projection drawn as plain SVG, a legend, exports, near-duplicates.

import { api, getKey } from './api.js';
import { $, h, svg, clear, showError, fmt } from './dom.js';
import { openDoc } from './docview.js';
import { currentCollection, withCollection } from './collection.js';

const WIDTH = 800;
const HEIGHT = 560;
const PAD = 28;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
  '#393b79', '#ad494a'];

let selected = null;
let loading = null;

export function colorOf(index) {
  if (index < PALETTE.length) return PALETTE[index];
  const hue = (index * 137.508) % 360;
  return `hsl(${hue.toFixed(0)} 60% 45%)`;
}

function params(format) {
  const level = $('clusters-level').value;
  const raw = $('clusters-k').value.trim().toLowerCase();
  const k = raw === '' ? 'auto' : raw;
  const p = new URLSearchParams({ level, k });
  if (format) p.set('format', format);
  if (currentCollection()) p.set('collection', currentCollection());
  return p;
}

function syncExports() {
  $('clusters-export-json').href = `/v1/clusters?${params('json')}`;
  $('clusters-export-csv').href = `/v1/clusters?${params('csv')}`;
}

export function initClusters() {
  $('clusters-form').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('clusters-level').addEventListener('change', syncExports);
  $('clusters-k').addEventListener('input', syncExports);
  syncExports();
  for (const [linkId, format] of [['clusters-export-json', 'json'], ['clusters-export-csv', 'csv']]) {
    $(linkId).addEventListener('click', (e) => {
      // A plain link cannot send the key; with one set, download through fetch instead.
      if (!getKey()) return;
      e.preventDefault();
      download(format);
    });
  }
  $('duplicates-load').addEventListener('click', loadDuplicates);
  const map = $('cluster-map');
  map.addEventListener('mouseleave', hideTip);
  drawEmpty('Load clusters to see a map of your documents.');
}

async function download(format) {
  const status = clear($('clusters-status'));
  try {
    const res = await api(`/v1/clusters?${params(format)}`, { raw: true, accept: format === 'csv' ? 'text/csv' : 'application/json' });
    const blob = await res.blob();
    const disposition = res.headers.get('Content-Disposition') || '';
    const m = /filename="?([^";]+)"?/.exec(disposition);
    const name = m ? m[1] : `quarry-clusters.${format}`;
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    showError(status, err, `Export ${format.toUpperCase()} failed`);
  }
}

function drawEmpty(message) {
  const map = clear($('cluster-map'));
  map.append(svg('text', { x: String(WIDTH / 2), y: String(HEIGHT / 2), 'text-anchor': 'middle', class: 'map-empty' }, message));
}

async function load() {
  const status = clear($('clusters-status'));
  const raw = $('clusters-k').value.trim().toLowerCase();
  if (raw !== '' && raw !== 'auto' && !/^\d+$/.test(raw)) {
    showError(status, { title: 'Invalid k', detail: 'k must be auto or a whole number', field: 'k' });
    return;
  }
  const seq = (loading = {});
  $('clusters-load').disabled = true;
  $('clusters-meta').textContent = 'Clustering…';
  try {
    const report = await api(`/v1/clusters?${params('json')}`);
    if (loading !== seq) return;
    render(report);
  } catch (err) {
    if (loading !== seq) return;
    $('clusters-meta').textContent = '';
    clear($('cluster-legend'));
    drawEmpty('No map: the clusters could not be loaded.');
    showError(status, err, 'Clustering failed');
  } finally {
    if (loading === seq) $('clusters-load').disabled = false;
  }
}

function render(report) {
  selected = null;
  const clusters = (report && report.clusters) || [];
  const members = [];
  clusters.forEach((c, i) => {
    for (const m of c.members || []) members.push({ m, c, i });
  });
  const meta = [`${clusters.length} clusters of ${members.length} ${report.level === 'chunk' ? 'chunks' : 'documents'}`];
  if (report.kSelection) meta.push(`k chosen by ${report.kSelection}`);
  if (report.silhouette != null) meta.push(`silhouette ${fmt(report.silhouette, 2)}`);
  $('clusters-meta').textContent = meta.join(' · ');

  const map = clear($('cluster-map'));
  if (!members.length) {
    drawEmpty('Nothing to cluster: the index is empty.');
    renderLegend(clusters);
    return;
  }
  const xs = members.map((p) => Number(p.m.x));
  const ys = members.map((p) => Number(p.m.y));
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x) => (maxX === minX ? WIDTH / 2 : PAD + ((x - minX) / (maxX - minX)) * (WIDTH - 2 * PAD));
  const sy = (y) => (maxY === minY ? HEIGHT / 2 : HEIGHT - PAD - ((y - minY) / (maxY - minY)) * (HEIGHT - 2 * PAD));
  const r = members.length > 800 ? 3 : members.length > 200 ? 4.5 : 7;

  map.append(svg('rect', { x: '0', y: '0', width: String(WIDTH), height: String(HEIGHT), class: 'map-bg' }));
  const layer = svg('g', { class: 'points' });
  for (const { m, c, i } of members) {
    const name = m.title || m.path || m.docId || m.id;
    const label = `${name} — cluster ${c.label || c.id}`;
    const point = svg('circle', {
      class: 'point',
      cx: sx(Number(m.x)).toFixed(1),
      cy: sy(Number(m.y)).toFixed(1),
      r: String(r),
      fill: colorOf(i),
      tabindex: '0',
      role: 'button',
      'aria-label': `${label}. Open document.`,
      dataset: { cluster: String(c.id), docId: m.docId || '', id: m.id || '' },
    }, svg('title', {}, label));
    const open = () => openDoc({ collection: currentCollection(), docId: m.docId, chunkId: m.id !== m.docId ? m.id : undefined, title: m.title, path: m.path });
    point.addEventListener('click', open);
    point.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    point.addEventListener('mouseenter', (e) => showTip(point, m, c, e));
    point.addEventListener('mousemove', (e) => showTip(point, m, c, e));
    point.addEventListener('mouseleave', hideTip);
    point.addEventListener('focus', () => showTip(point, m, c));
    point.addEventListener('blur', hideTip);
    layer.append(point);
  }
  map.append(layer);
  renderLegend(clusters);
}

function showTip(point, m, c, event) {
  const tip = $('cluster-tooltip');
  const wrap = tip.parentElement.getBoundingClientRect();
  clear(tip).append(
    h('strong', {}, m.title || m.path || m.docId),
    m.path && m.title ? h('div', { class: 'tip-path' }, m.path) : null,
    h('div', { class: 'tip-cluster' }, `${c.label || `cluster ${c.id}`} · similarity ${fmt(m.similarity, 2)}`));
  tip.hidden = false;
  let x;
  let y;
  if (event) {
    x = event.clientX - wrap.left;
    y = event.clientY - wrap.top;
  } else {
    const r = point.getBoundingClientRect();
    x = r.left + r.width / 2 - wrap.left;
    y = r.top + r.height / 2 - wrap.top;
  }
  const left = Math.min(Math.max(4, x + 12), Math.max(4, wrap.width - tip.offsetWidth - 4));
  const top = y + 14 + tip.offsetHeight > wrap.height ? y - tip.offsetHeight - 10 : y + 14;
  tip.style.left = `${left}px`;
  tip.style.top = `${Math.max(0, top)}px`;
}

function hideTip() {
  $('cluster-tooltip').hidden = true;
}

function renderLegend(clusters) {
  const legend = clear($('cluster-legend'));
  if (!clusters.length) return;
  legend.append(h('h2', {}, 'Clusters'));
  const list = h('ul', { class: 'legend-list' });
  clusters.forEach((c, i) => {
    const button = h('button', {
      type: 'button',
      class: 'legend-item',
      'aria-pressed': 'false',
      dataset: { cluster: String(c.id) },
      onclick: () => toggleCluster(String(c.id)),
    },
    h('span', { class: 'swatch', style: `background:${colorOf(i)}`, 'aria-hidden': 'true' }),
    h('span', { class: 'legend-label' }, c.label || `cluster ${c.id}`),
    h('span', { class: 'legend-size' }, ` (${c.size ?? (c.members || []).length})`));
    const members = h('details', { class: 'legend-members' },
      h('summary', {}, 'Members'),
      h('ul', {}, (c.members || []).map((m) => h('li', {},
        h('button', {
          type: 'button',
          class: 'link',
          onclick: () => openDoc({ collection: currentCollection(), docId: m.docId, chunkId: m.id !== m.docId ? m.id : undefined, title: m.title, path: m.path }),
        }, m.title || m.path || m.docId)))));
    list.append(h('li', {}, button,
      Array.isArray(c.terms) && c.terms.length && c.terms.join(', ') !== c.label
        ? h('div', { class: 'legend-terms' }, c.terms.join(', ')) : null,
      Array.isArray(c.representatives) && c.representatives.length
        ? h('div', { class: 'legend-terms' }, `e.g. ${c.representatives.slice(0, 3).join('; ')}`) : null,
      members));
  });
  legend.append(list);
}

/** Emphasises one cluster on the map; pressing it again shows all. */
function toggleCluster(id) {
  selected = selected === id ? null : id;
  for (const b of document.querySelectorAll('#cluster-legend .legend-item')) {
    b.setAttribute('aria-pressed', String(b.dataset.cluster === selected));
  }
  for (const p of document.querySelectorAll('#cluster-map .point')) {
    p.classList.toggle('dim', selected !== null && p.dataset.cluster !== selected);
  }
}

async function loadDuplicates() {
  const out = clear($('duplicates'));
  out.append(h('p', { class: 'meta' }, 'Looking for near-duplicates…'));
  try {
    const res = await api(withCollection('/v1/duplicates'));
    clear(out);
    const groups = (res && res.groups) || [];
    out.append(h('h2', {}, `Near-duplicates (similarity ≥ ${fmt(res.threshold, 2)})`));
    if (!groups.length) {
      out.append(h('p', { class: 'empty' }, 'No near-duplicate documents found.'));
      return;
    }
    const list = h('ol', { class: 'dup-groups' });
    for (const g of groups) {
      list.append(h('li', {}, h('ul', {}, (g.members || []).map((m) => h('li', {},
        h('button', { type: 'button', class: 'link', onclick: () => openDoc({ collection: currentCollection(), docId: m.docId, title: m.title, path: m.path }) },
          m.title || m.path || m.docId),
        m.similarity != null ? h('span', { class: 'meta' }, ` similarity ${fmt(m.similarity, 3)}`) : null)))));
    }
    out.append(list);
  } catch (err) {
    showError(out, err, 'Near-duplicates failed');
  }
}

