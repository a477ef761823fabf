// The Ingest tab: configured roots, starting an ingest, following its progress, skipped files, past jobs.

import { api } from './api.js';
import { inCollection } from './collection.js';
import { $, h, clear, showError, errorBox } from './dom.js';

const POLL_MS = 500;
let pollTimer = null;
let watching = null;
let loaded = false;

export function initIngest() {
  $('ingest-form').addEventListener('submit', (e) => {
    e.preventDefault();
    start();
  });
  $('ingest-refresh').addEventListener('click', () => loadOverview());
  document.addEventListener('quarry:key', () => {
    loaded = false;
    if (!$('panel-ingest').hidden) loadOverview();
  });
}

export function onIngestShown() {
  if (!loaded) loadOverview();
}

async function loadOverview() {
  const status = clear($('ingest-jobs-status'));
  try {
    const res = await api('/v1/ingest');
    loaded = true;
    renderRoots((res && res.roots) || []);
    renderJobs((res && res.jobs) || []);
  } catch (err) {
    clear($('ingest-roots')).append(h('li', { class: 'empty' }, 'Unknown (the server did not answer).'));
    showError(status, err, 'Could not list ingest jobs');
  }
}

function renderRoots(roots) {
  const list = clear($('ingest-roots'));
  const options = clear($('ingest-roots-list'));
  if (!roots.length) {
    list.append(h('li', { class: 'empty' }, 'No ingest roots are configured, so the server will refuse every folder. Add ingestRoots to its configuration.'));
    return;
  }
  for (const r of roots) {
    list.append(h('li', {}, h('button', {
      type: 'button',
      class: 'link',
      title: 'Use this folder',
      onclick: () => {
        $('ingest-folder').value = r;
        $('ingest-folder').focus();
      },
    }, r)));
    options.append(h('option', { value: r }));
  }
  if (!$('ingest-folder').value) $('ingest-folder').placeholder = roots[0];
}

function when(value) {
  if (!value) return '';
  const d = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString();
}

function renderJobs(jobs) {
  const body = clear($('ingest-jobs').tBodies[0]);
  if (!jobs.length) {
    body.append(h('tr', {}, h('td', { colspan: '6', class: 'empty' }, 'No ingest jobs yet.')));
    return;
  }
  for (const j of jobs) {
    body.append(h('tr', { dataset: { job: j.id } },
      h('td', {}, when(j.created)),
      h('td', { class: 'path' }, j.folder || ''),
      h('td', {}, h('span', { class: `state state-${String(j.state).toLowerCase()}` }, String(j.state || '').toLowerCase())),
      h('td', {}, `${j.filesDone ?? 0}/${j.filesTotal ?? 0}`),
      h('td', {}, String(j.chunksEmbedded ?? 0)),
      h('td', {}, h('button', { type: 'button', class: 'secondary small', onclick: () => watch(j.id) }, 'Details'))));
  }
}

async function start() {
  const folder = $('ingest-folder').value.trim();
  if (!folder) {
    showError($('ingest-status'), { title: 'No folder', detail: 'enter a folder under one of the configured roots', field: 'folder' });
    $('ingest-folder').focus();
    return;
  }
  $('ingest-start').disabled = true;
  try {
    const status = await api('/v1/ingest', { method: 'POST', body: inCollection({ folder }) });
    renderStatus(status);
    if (status && status.id) watch(status.id, status);
    loadOverview();
  } catch (err) {
    $('ingest-skipped-wrap').hidden = true;
    showError($('ingest-status'), err, 'Could not start the ingest');
  } finally {
    $('ingest-start').disabled = false;
  }
}

/** Follows one job, polling every POLL_MS until it is done or failed. */
function watch(id, first) {
  stopPolling();
  watching = id;
  if (first) renderStatus(first);
  poll(id);
}

function stopPolling() {
  if (pollTimer) clearTimeout(pollTimer);
  pollTimer = null;
}

async function poll(id) {
  if (watching !== id) return;
  let status;
  try {
    status = await api(`/v1/ingest/${encodeURIComponent(id)}`);
  } catch (err) {
    if (watching !== id) return;
    showError($('ingest-status'), err, 'Could not follow the ingest');
    return;
  }
  if (watching !== id) return;
  renderStatus(status);
  const state = String(status.state || '').toUpperCase();
  if (state === 'DONE' || state === 'FAILED') {
    loadOverview();
    return;
  }
  pollTimer = setTimeout(() => poll(id), POLL_MS);
}

function renderStatus(s) {
  const box = clear($('ingest-status'));
  const state = String(s.state || '').toLowerCase();
  box.dataset.state = state;
  const total = s.filesTotal || 0;
  const done = s.filesDone || 0;
  const progress = h('progress', { id: 'ingest-progress', max: String(total || 1), value: String(state === 'done' ? total || 1 : done) });
  if (!total && (state === 'queued' || state === 'running')) progress.removeAttribute('value');
  box.append(
    h('p', { class: 'ingest-line' },
      h('span', { class: `state state-${state}` }, state || 'unknown'), ' ',
      h('span', { class: 'path' }, s.folder || '')),
    h('label', { class: 'progress-row' }, progress,
      h('span', { class: 'progress-text' }, `${done}/${total} files · ${s.chunksEmbedded || 0} chunks embedded`)));
  if (state === 'failed') box.append(errorBox({ title: 'Ingest failed', detail: s.error || 'no reason given' }));
  const r = s.report;
  if (r) {
    box.append(h('p', { class: 'ingest-summary' },
      `${r.filesSeen} files: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.deleted} deleted, `
      + `${(r.skipped || []).length} skipped; ${r.chunksEmbedded} chunks embedded in ${Number(r.seconds || 0).toFixed(1)} s`));
  }
  const skipped = (r && r.skipped) || [];
  const wrap = $('ingest-skipped-wrap');
  const body = clear($('ingest-skipped').tBodies[0]);
  wrap.hidden = !r;
  if (r && !skipped.length) body.append(h('tr', {}, h('td', { colspan: '2', class: 'empty' }, 'No files were skipped.')));
  for (const f of skipped) {
    body.append(h('tr', { class: 'skipped-file' }, h('td', { class: 'path' }, f.path), h('td', {}, f.reason)));
  }
}
