// Quarry Studio: tabs, the API key field, and the start of every tab.

import { getKey, setKey } from './api.js';
import { $ } from './dom.js';
import { initCollection } from './collection.js';
import { initDocView } from './docview.js';
import { initSearch } from './search.js';
import { initChat, onChatShown } from './chat.js';
import { initCompare, onCompareShown } from './compare.js';
import { initClusters } from './clusters.js';
import { initIngest, onIngestShown } from './ingest.js';

const TABS = ['search', 'chat', 'compare', 'clusters', 'ingest'];
const onShown = { chat: onChatShown, compare: onCompareShown, ingest: onIngestShown };

function selectTab(name, { focus = false, updateHash = true } = {}) {
  if (!TABS.includes(name)) name = 'search';
  for (const t of TABS) {
    const tab = $(`tab-${t}`);
    const selected = t === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`panel-${t}`).hidden = !selected;
  }
  if (focus) $(`tab-${name}`).focus();
  if (updateHash && location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  if (onShown[name]) onShown[name]();
}

function initTabs() {
  const list = document.querySelector('[role="tablist"]');
  for (const t of TABS) $(`tab-${t}`).addEventListener('click', () => selectTab(t));
  list.addEventListener('keydown', (e) => {
    const current = TABS.findIndex((t) => $(`tab-${t}`) === document.activeElement);
    if (current < 0) return;
    let next = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (current + 1) % TABS.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (current - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    selectTab(TABS[next], { focus: true });
  });
  window.addEventListener('hashchange', () => selectTab(location.hash.slice(1), { updateHash: false }));
  selectTab(location.hash.slice(1) || 'search', { updateHash: false });
}

function initKey() {
  const input = $('api-key');
  const status = $('api-key-status');
  const show = () => {
    status.textContent = getKey() ? 'Key set for this tab' : 'No key';
    status.classList.toggle('has-key', Boolean(getKey()));
  };
  input.value = getKey();
  show();
  $('api-key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    setKey(input.value.trim());
    input.value = getKey();
    show();
    document.dispatchEvent(new CustomEvent('quarry:key'));
  });
  $('api-key-clear').addEventListener('click', () => {
    setKey('');
    input.value = '';
    show();
    document.dispatchEvent(new CustomEvent('quarry:key'));
  });
}

function start() {
  initKey();
  initCollection();
  initDocView();
  initSearch();
  initChat();
  initCompare();
  initClusters();
  initIngest();
  initTabs();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
