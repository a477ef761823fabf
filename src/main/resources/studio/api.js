// Talks to the Quarry JSON API at the same origin: the key header, problem JSON as errors, and SSE over fetch.

const KEY_STORAGE = 'quarry.studio.apiKey';

export function getKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // sessionStorage may be unavailable (privacy modes); the key then lasts until reload only.
  }
  memoryKey = key || '';
}

let memoryKey = '';

function currentKey() {
  return getKey() || memoryKey;
}

/** A failed call: the server's problem JSON, or a description of what went wrong on the way. */
export class ApiError extends Error {
  constructor({ title, detail, status, field, type }) {
    super(detail ? `${title}: ${detail}` : title);
    this.title = title || 'Request failed';
    this.detail = detail || '';
    this.status = status || 0;
    this.field = field || null;
    this.type = type || null;
  }
}

export function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const key = currentKey();
  if (key) h.Authorization = `Bearer ${key}`;
  return h;
}

/**
 * Calls the API and returns the parsed JSON body (or the Response itself with {raw: true}).
 * Throws ApiError for non-2xx responses and network failures; AbortError passes through untouched.
 */
export async function api(path, { method = 'GET', body, signal, raw = false, accept } = {}) {
  const init = { method, headers: headers(accept ? { Accept: accept } : {}), signal };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError({
      title: 'Network error',
      detail: `could not reach the server for ${method} ${path}` + (e && e.message ? ` (${e.message})` : ''),
    });
  }
  if (!res.ok) throw await problemOf(res);
  if (raw) return res;
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({ title: 'Unreadable response', detail: `${method} ${path} did not return JSON`, status: res.status });
  }
}

/** The problem JSON of a failed response, or a made-up one when the body is something else. */
export async function problemOf(res) {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // body unreadable; fall through with what the status line says
  }
  let p = null;
  try {
    p = text ? JSON.parse(text) : null;
  } catch {
    p = null;
  }
  if (p && typeof p === 'object' && (p.title || p.detail)) {
    return new ApiError({
      title: String(p.title || `HTTP ${res.status}`),
      detail: p.detail == null ? '' : String(p.detail),
      status: p.status || res.status,
      field: p.field == null ? null : String(p.field),
      type: p.type,
    });
  }
  const short = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
  return new ApiError({
    title: `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`,
    detail: short || 'the server returned no explanation',
    status: res.status,
  });
}

/**
 * Reads a Server-Sent Events body from a fetch Response, yielding {event, data} with data parsed as JSON when it is
 * JSON. Lines are split on CR, LF or CRLF; an empty line ends an event; comment lines (":") are ignored.
 */
export async function* readEvents(res, signal) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data = [];
  const dispatch = function* () {
    if (data.length === 0) {
      event = '';
      return;
    }
    const raw = data.join('\n');
    let parsed = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // plain text data stays a string
    }
    const out = { event: event || 'message', data: parsed };
    event = '';
    data = [];
    yield out;
  };
  try {
    for (;;) {
      if (signal && signal.aborted) break;
      const { value, done } = await reader.read();
      if (done) {
        buffer += decoder.decode();
      } else {
        buffer += decoder.decode(value, { stream: true });
      }
      let m;
      // Keep a trailing CR in the buffer: it may be the first half of a CRLF.
      while ((m = /\r\n|\n|\r(?=[^\n])/.exec(buffer)) !== null) {
        const line = buffer.slice(0, m.index);
        buffer = buffer.slice(m.index + m[0].length);
        if (line === '') {
          yield* dispatch();
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        let val = colon < 0 ? '' : line.slice(colon + 1);
        if (val.startsWith(' ')) val = val.slice(1);
        if (name === 'event') event = val;
        else if (name === 'data') data.push(val);
      }
      if (done) {
        if (buffer.replace(/\r$/, '') !== '') {
          const line = buffer.replace(/\r$/, '');
          if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        yield* dispatch();
        break;
      }
    }
  } finally {
    try {
      reader.releaseLock();
    } catch {
      // already released
    }
  }
}

/** Encodes a document or chunk id for a path: each segment escaped, the slashes kept. */
export function idPath(id) {
  return String(id).split('/').map(encodeURIComponent).join('/');
}
