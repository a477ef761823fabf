// The document view: a dialog with all chunks of one document, the one of interest marked and scrolled into view.

import { api, idPath } from './api.js';
import { $, h, clear, errorBox, highlightedText } from './dom.js';
import { withCollection } from './collection.js';

let opener = null;
let requestSeq = 0;
let current = null;

export function initDocView() {
  const dialog = $('doc-view');
  $('doc-view-close').addEventListener('click', () => closeDoc());
  $('doc-view-original').addEventListener('click', () => {
    if (current) openOriginal(current);
  });
  dialog.addEventListener('close', () => {
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  });
  // A click on the backdrop (outside the dialog box) closes it.
  dialog.addEventListener('click', (e) => {
    if (e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    if (!inside) closeDoc();
  });
}

/**
 * Opens a document's original file in a new tab, at the passage: a PDF at its page, an HTML page at a text fragment
 * of the passage. A new tab cannot send the API key, so it opens a short-lived signed link the API gives out.
 * target: {collection?, docId, page?, passage?}.
 */
export async function openOriginal(target) {
  // Opened now, within the click, so that no pop-up blocker stops it; pointed at the file once the link is known.
  const tab = window.open('about:blank', '_blank');
  try {
    const link = await api(withCollection(`/v1/documents/${idPath(target.docId)}/link`, target.collection));
    const url = link.url + fileFragment(link.contentType, target.page, target.passage);
    if (tab) {
      tab.opener = null;
      tab.location.replace(url);
    } else {
      window.open(url, '_blank', 'noopener');
    }
  } catch (err) {
    if (tab) tab.close();
    const dialog = $('doc-view');
    if (dialog.open) $('doc-view-body').prepend(errorBox(err, 'Could not open the original file'));
    else window.alert(`Could not open the original file: ${err.message}`);
  }
}

/**
 * Where in the file to open: #page=N for a PDF; for an HTML page a text fragment from the passage's first words to
 * its last (each within one line, as a browser matches them within one block).
 */
export function fileFragment(contentType, page, passage) {
  if ((contentType || '').startsWith('application/pdf')) return page > 0 ? `#page=${page}` : '';
  if (!(contentType || '').startsWith('text/html') || !passage) return '';
  const lines = String(passage).split(/\n+/).map((l) => l.trim().split(/\s+/).filter(Boolean)).filter((w) => w.length);
  if (!lines.length) return '';
  const enc = (words) => encodeURIComponent(words.join(' ')).replace(/-/g, '%2D');
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (lines.length === 1 && first.length <= 10) return `#:~:text=${enc(first)}`;
  return `#:~:text=${enc(first.slice(0, 5))},${enc(last.slice(-5))}`;
}

export function closeDoc() {
  const dialog = $('doc-view');
  if (dialog.open) dialog.close();
}

/**
 * Opens a document. target: {docId, chunkId?, highlights? (chunk-relative), range? ({start, end} in document
 * offsets, e.g. a citation's quote), title?, path?}.
 */
export async function openDoc(target) {
  const dialog = $('doc-view');
  current = { docId: target.docId, page: target.page, passage: target.passage };
  const body = $('doc-view-body');
  const seq = ++requestSeq;
  if (!dialog.open) opener = document.activeElement;
  $('doc-view-title').textContent = target.title || target.path || target.docId || 'Document';
  $('doc-view-meta').textContent = target.path || '';
  clear(body).append(h('p', { class: 'loading' }, 'Loading document…'));
  if (!dialog.open) {
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }
  if (!target.docId) {
    clear(body).append(errorBox({ title: 'Nothing to open', detail: 'this item names no document' }));
    return;
  }
  let doc;
  try {
    doc = await api(withCollection(`/v1/documents/${idPath(target.docId)}`, target.collection));
  } catch (err) {
    if (seq !== requestSeq) return;
    clear(body).append(errorBox(err, 'Could not load the document'));
    return;
  }
  if (seq !== requestSeq) return;
  render(doc, target);
}

function render(doc, target) {
  const body = $('doc-view-body');
  clear(body);
  $('doc-view-title').textContent = doc.title || doc.path || doc.docId;
  const meta = [doc.path];
  if (doc.type) meta.push(doc.type);
  if (doc.modified) meta.push(`modified ${new Date(doc.modified).toLocaleString()}`);
  if (Array.isArray(doc.tags) && doc.tags.length) meta.push(`tags: ${doc.tags.join(', ')}`);
  meta.push(`${(doc.chunks || []).length} chunks`);
  $('doc-view-meta').textContent = meta.filter(Boolean).join(' · ');

  let marked = null;
  const chunks = [...(doc.chunks || [])].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  for (const c of chunks) {
    const isTarget = target.chunkId && c.chunkId === target.chunkId;
    const extra = [];
    let highlights = [];
    if (isTarget) {
      highlights = target.highlights || [];
      if (target.range && Number.isInteger(target.range.start) && Number.isInteger(target.range.end)) {
        const a = target.range.start - c.start;
        const b = target.range.end - c.start;
        // Only a quote that is part of the chunk is marked; a range covering the whole chunk is the chunk itself.
        if (a >= 0 && b <= (c.text || '').length && a < b && !(a === 0 && b === c.text.length)) extra.push([a, b]);
      }
    } else if (target.range && !target.chunkId) {
      const a = target.range.start - c.start;
      const b = target.range.end - c.start;
      if (a >= 0 && b <= (c.text || '').length && a < b) extra.push([a, b]);
    }
    const label = [c.section, c.page ? `page ${c.page}` : null].filter(Boolean).join(' · ');
    const section = h('section', {
      class: isTarget ? 'doc-chunk marked' : 'doc-chunk',
      dataset: { chunkId: c.chunkId },
      'aria-current': isTarget ? 'true' : null,
      tabindex: isTarget ? '-1' : null,
    },
    label ? h('h3', { class: 'chunk-label' }, label) : null,
    h('p', { class: 'chunk-text' }, highlightedText(c.text, highlights, extra)));
    if (isTarget) {
      marked = section;
      if (current && current.docId === doc.docId) {
        current.page = current.page || c.page;
        current.passage = current.passage || c.text;
      }
    }
    body.append(section);
  }
  if (!doc.chunks || doc.chunks.length === 0) body.append(h('p', { class: 'empty' }, 'This document has no chunks.'));
  if (target.chunkId && !marked) {
    body.prepend(h('p', { class: 'note' }, 'The passage is no longer in this document (it may have been re-ingested).'));
  }
  if (marked) {
    requestAnimationFrame(() => {
      marked.scrollIntoView({ block: 'center' });
      marked.focus({ preventScroll: true });
    });
  }
}
