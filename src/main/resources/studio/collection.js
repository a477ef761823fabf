// The collection the studio works on: chosen in the top bar, sent with every search, chat, cluster, document and
// ingest request. Empty means the server's default (or the one collection a scoped key may use).

import { api } from './api.js';
import { $, clear, h } from './dom.js';

const STORE = 'quarry.collection';

export function currentCollection() {
  return $('collection').value;
}

/** `path` with `collection=` added to its query when one is chosen (or `name` is given). */
export function withCollection(path, name = currentCollection()) {
  if (!name) return path;
  return `${path}${path.includes('?') ? '&' : '?'}collection=${encodeURIComponent(name)}`;
}

/** Adds the chosen collection to a request body. */
export function inCollection(body) {
  const name = currentCollection();
  if (name) body.collection = name;
  return body;
}

async function load() {
  const select = $('collection');
  const wanted = select.value || sessionStorage.getItem(STORE) || '';
  try {
    const res = await api('/v1/collections');
    const list = Array.isArray(res && res.collections) ? res.collections : [];
    clear(select);
    if (res && res.default) select.append(h('option', { value: '' }, `${res.default} (default)`));
    for (const c of list) {
      if (res && c.name === res.default) continue;
      select.append(h('option', { value: c.name }, `${c.name} (${c.documents} ${c.documents === 1 ? 'doc' : 'docs'}, ${c.model})`));
    }
    if ([...select.options].some((o) => o.value === wanted)) select.value = wanted;
    $('collection-field').hidden = select.options.length < 2;
  } catch (err) {
    // Without a key the list is refused; the default collection still answers once a key is set.
    clear(select).append(h('option', { value: '' }, 'default'));
    $('collection-field').hidden = true;
  }
}

export function initCollection() {
  $('collection').addEventListener('change', () => {
    sessionStorage.setItem(STORE, currentCollection());
    document.dispatchEvent(new CustomEvent('quarry:collection'));
  });
  document.addEventListener('quarry:key', load);
  load();
}
