// The Chat tab: a conversation whose answers stream in over SSE, with clickable [n] citations.

import { api, readEvents } from './api.js';
import { $, h, clear, errorBox, showError, numberOrNull } from './dom.js';
import { openDoc, openOriginal } from './docview.js';
import { inCollection } from './collection.js';
import { judge } from './search.js';

/** The conversation as sent to the server: only completed exchanges and the pending question. */
let history = [];
let controller = null;
let deploymentsLoaded = false;

export function initChat() {
  $('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    send();
  });
  $('chat-input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  $('chat-clear').addEventListener('click', clearChat);
  $('chat-stop').addEventListener('click', () => {
    if (controller) controller.abort();
  });
  document.addEventListener('quarry:key', () => {
    deploymentsLoaded = false;
    if (!$('panel-chat').hidden) loadDeployments();
  });
}

export function onChatShown() {
  if (!deploymentsLoaded) loadDeployments();
}

/** Fills a deployment select from /v1/deployments; keeps a "server default" choice when asked to. */
export async function fillDeployments(select, { withNone = null } = {}) {
  const res = await api('/v1/deployments');
  const names = Array.isArray(res && res.chat) ? res.chat : [];
  const previous = select.value;
  clear(select);
  if (withNone !== null) select.append(h('option', { value: '' }, withNone));
  for (const name of names) {
    select.append(h('option', { value: name }, name === res.default ? `${name} (default)` : name));
  }
  if (names.includes(previous) || (withNone !== null && previous === '')) select.value = previous;
  else if (names.includes(res.default) && withNone === null) select.value = res.default;
  return res;
}

async function loadDeployments() {
  const status = $('chat-settings-status');
  clear(status);
  try {
    await fillDeployments($('chat-deployment'));
    deploymentsLoaded = true;
  } catch (err) {
    showError(status, err, 'Could not list deployments');
  }
}

function clearChat() {
  if (controller) controller.abort();
  history = [];
  const log = clear($('chat-log'));
  log.append(h('p', { class: 'empty', id: 'chat-empty' }, 'Ask a question about your documents. Answers cite their sources as [n].'));
  $('chat-input').value = '';
  $('chat-input').focus();
}

function settings(messages) {
  const body = inCollection({ messages, stream: true });
  const k = numberOrNull($('chat-k'));
  if (k !== null) body.k = Math.round(k);
  const deployment = $('chat-deployment').value;
  if (deployment) body.deployment = deployment;
  const system = $('chat-system').value.trim();
  if (system) body.systemPrompt = system;
  const temperature = numberOrNull($('chat-temperature'));
  if (temperature !== null) body.temperature = temperature;
  const topP = numberOrNull($('chat-top-p'));
  if (topP !== null) body.topP = topP;
  const maxTokens = numberOrNull($('chat-max-tokens'));
  if (maxTokens !== null) body.maxTokens = Math.round(maxTokens);
  const strictness = numberOrNull($('chat-strictness'));
  if (strictness !== null) body.strictness = strictness;
  const path = $('chat-path').value.trim();
  if (path) body.filter = { pathPrefix: path };
  return body;
}

function turn(role, ...content) {
  const empty = $('chat-empty');
  if (empty) empty.remove();
  const el = h('div', { class: `turn ${role}` },
    h('div', { class: 'turn-role' }, role === 'user' ? 'You' : 'Quarry'),
    ...content);
  $('chat-log').append(el);
  return el;
}

function scrollLog() {
  const log = $('chat-log');
  log.scrollTop = log.scrollHeight;
}

async function send() {
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text || controller) return;
  input.value = '';
  const userTurn = turn('user', h('div', { class: 'content' }, text));
  const sentLength = history.length;
  history.push({ role: 'user', content: text });
  const answer = h('div', { class: 'answer', 'aria-busy': 'true' });
  const meta = h('div', { class: 'answer-meta' });
  const assistant = turn('assistant', answer, meta);
  assistant.classList.add('streaming');
  scrollLog();

  const ctl = new AbortController();
  controller = ctl;
  $('chat-send').disabled = true;
  $('chat-stop').hidden = false;
  let raw = '';
  let citations = [];
  let done = null;
  let failure = null;
  try {
    const res = await api('/v1/chat', { method: 'POST', body: settings(history.slice()), signal: ctl.signal, raw: true, accept: 'text/event-stream' });
    const type = res.headers.get('Content-Type') || '';
    if (type.includes('application/json')) {
      // A server that answers without streaming: the whole answer at once.
      const whole = await res.json();
      raw = whole.answer || '';
      citations = whole.citations || [];
      done = { deployment: whole.deployment, notFound: whole.notFound, usage: whole.usage };
    } else {
      for await (const ev of readEvents(res, ctl.signal)) {
        if (ev.event === 'token') {
          const t = ev.data && typeof ev.data === 'object' ? ev.data.text : ev.data;
          if (t) {
            raw += t;
            answer.append(document.createTextNode(t));
            scrollLog();
          }
        } else if (ev.event === 'citations') {
          citations = Array.isArray(ev.data) ? ev.data : [];
        } else if (ev.event === 'done') {
          done = ev.data || {};
        } else if (ev.event === 'error') {
          const d = ev.data && typeof ev.data === 'object' ? ev.data : { detail: String(ev.data) };
          failure = { title: d.title || 'Answer failed', detail: d.detail || '' };
        }
      }
      if (!failure && !done && !ctl.signal.aborted) {
        failure = { title: 'Answer incomplete', detail: 'the answer stream ended before the server said it was done' };
      }
    }
  } catch (err) {
    failure = err.name === 'AbortError' ? { title: 'Stopped', detail: 'the answer was stopped before it finished', stopped: true } : err;
  } finally {
    if (ctl.signal.aborted && !failure) failure = { title: 'Stopped', detail: 'the answer was stopped before it finished', stopped: true };
    controller = null;
    $('chat-send').disabled = false;
    $('chat-stop').hidden = true;
    answer.removeAttribute('aria-busy');
    assistant.classList.remove('streaming');
  }

  if (failure) {
    // The failed exchange is not part of the conversation sent next time.
    history.length = sentLength;
    userTurn.classList.add('not-sent');
    assistant.classList.add('failed');
    if (!raw) answer.remove();
    assistant.append(errorBox(failure));
    if (!failure.stopped && !input.value) input.value = text;
  } else {
    renderAnswer(answer, raw, citations);
    if (citations.length) assistant.append(citationList(citations, text));
    if (done && done.notFound) assistant.classList.add('not-found');
    meta.textContent = describeDone(done);
    history.push({ role: 'assistant', content: raw });
  }
  scrollLog();
  input.focus();
}

function describeDone(done) {
  if (!done) return '';
  const parts = [];
  if (done.deployment) parts.push(done.deployment);
  if (done.notFound) parts.push('nothing relevant found');
  const u = done.usage;
  if (u && (u.promptTokens || u.completionTokens)) parts.push(`${u.promptTokens} prompt + ${u.completionTokens} completion tokens`);
  return parts.join(' · ');
}

function openCitation(c) {
  openDoc({ collection: c.collection, docId: c.docId, chunkId: c.chunkId, range: { start: c.start, end: c.end }, title: c.title, path: c.path });
}

/**
 * The answer text with each [n] that has a citation turned into a button. A document's own bracketed numbers arrive
 * escaped as \[n]: they are shown as the text [n], never as citations.
 */
export function renderAnswer(el, text, citations) {
  clear(el);
  const byN = new Map(citations.map((c) => [Number(c.n), c]));
  const re = /(\\?)\[(\d+)\]/g;
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[1]) {
      el.append(document.createTextNode(text.slice(last, m.index) + `[${m[2]}]`));
      last = m.index + m[0].length;
      continue;
    }
    const c = byN.get(Number(m[2]));
    if (!c) continue;
    if (m.index > last) el.append(document.createTextNode(text.slice(last, m.index)));
    el.append(h('button', {
      type: 'button',
      class: 'citation cite-inline',
      dataset: { n: String(c.n), chunkId: c.chunkId || '' },
      'aria-label': `Source ${c.n}: ${c.title || c.path || ''}`,
      title: [c.title, c.section].filter(Boolean).join(' › '),
      onclick: () => openCitation(c),
    }, `[${c.n}]`));
    last = m.index + m[0].length;
  }
  if (last < text.length) el.append(document.createTextNode(text.slice(last)));
}

/** The sources of an answer; with the question, each can be marked as answering it or not (a judgment). */
export function citationList(citations, question) {
  const list = h('ol', { class: 'citation-list', 'aria-label': 'Sources' });
  for (const c of citations) {
    const where = [c.path, c.section, c.page ? `page ${c.page}` : null].filter(Boolean).join(' › ');
    list.append(h('li', {},
      h('button', {
        type: 'button',
        class: 'citation cite-source',
        dataset: { n: String(c.n), chunkId: c.chunkId || '' },
        onclick: () => openCitation(c),
      }, h('span', { class: 'cite-n' }, `[${c.n}]`), ' ', c.title || c.path || c.docId),
      h('button', {
        type: 'button',
        class: 'link open-original',
        'aria-label': `Open the original of source ${c.n} at the passage`,
        onclick: () => openOriginal({ collection: c.collection, docId: c.docId, page: c.page, passage: c.snippet }),
      }, 'original ↗'),
      question ? judge(c, question) : null,
      where ? h('div', { class: 'cite-where' }, where) : null,
      c.snippet ? h('blockquote', { class: 'cite-snippet' }, c.snippet) : null));
  }
  return h('div', { class: 'citations' }, h('h4', {}, 'Sources'), list);
}
