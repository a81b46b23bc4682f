// The admin API, same origin, with the signed-in key. The key lives in sessionStorage only (gone when the tab closes).
const KEY = 'aiprovider.console.key';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) { if (value) { sessionStorage.setItem(KEY, value); } else { sessionStorage.removeItem(KEY); } },
};

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

// The error text in whichever dialect answered: ProblemDetails (detail/title) or OpenAI ({error:{message}}).
async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    message = body?.error?.message ?? body?.detail ?? body?.title ?? message;
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(response.status, message);
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Authorization: `Bearer ${session.key}` };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) { throw await failure(response); }
  return response.status === 204 ? null : response.json();
}

// Server-sent events read through fetch (EventSource cannot send the Authorization header).
// Calls onEvent(type, data) per event until the signal aborts; returns when the stream ends.
export async function subscribe(path, onEvent, signal) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.key}`, Accept: 'text/event-stream' }, signal });
  if (!response.ok) { throw await failure(response); }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) { return; }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) { type = line.slice(6).trim(); }
        else if (line.startsWith('data:')) { data.push(line.slice(5).replace(/^ /, '')); }
      }
      if (data.length) { onEvent(type, JSON.parse(data.join('\n'))); }
    }
  }
}
