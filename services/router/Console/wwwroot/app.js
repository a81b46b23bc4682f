// The console shell: sign-in, the page routes (#overview …), sign-out. Pages are in pages.js.
import { session, api, ApiError } from './api.js';
import { h } from './dom.js';
import * as pages from './pages.js';

const routes = {
  overview: ['Overview', pages.overview],
  headroom: ['Free-tier headroom', pages.headroom],
  providers: ['Providers and circuits', pages.providers],
  decisions: ['Decisions', pages.decisions],
  keys: ['API keys', pages.keys, true],
  usage: ['Usage', pages.usage],
  alerts: ['Alerts', pages.alerts],
};

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const status = document.getElementById('status');
const signoutButton = document.getElementById('signout');
const signinForm = document.getElementById('signin');
let user = null;
let controller = null;

function say(message) { status.textContent = message ?? ''; }

async function signIn(key) {
  session.key = key;
  try {
    user = await api('/admin/me');
  } catch (error) {
    session.key = null;
    user = null;
    throw error;
  }
  who.textContent = `${user.keyId} (${user.role})`;
  for (const link of nav.querySelectorAll('[data-admin]')) { link.hidden = user.role !== 'admin'; }
  nav.hidden = false;
  signoutButton.hidden = false;
}

function signOut() {
  controller?.abort();
  session.key = null;
  user = null;
  nav.hidden = true;
  signoutButton.hidden = true;
  who.textContent = '';
  say('Signed out.');
  history.replaceState(null, '', '/console/');
  view.replaceChildren(signinForm);
  signinForm.reset();
  signinForm.querySelector('input').focus();
}

// Runs an action, reports it in the status line; an error shows its message (never a stack) and returns undefined.
async function run(done, action) {
  try {
    const result = await action();
    if (done) { say(done); }
    return result;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) { signOut(); }
    say(`Error: ${error.message}`);
    return undefined;
  }
}

async function render() {
  if (!user) { return; }
  controller?.abort();
  controller = new AbortController();
  const [name, query] = location.hash.slice(1).split('?');
  const route = routes[name] && !(routes[name][2] && user.role !== 'admin') ? name : 'overview';
  const [title, page] = routes[route];
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#${route}`) { link.setAttribute('aria-current', 'page'); } else { link.removeAttribute('aria-current'); }
  }
  document.title = `${title} · Dapr.AiProvider console`;
  const heading = h('h1', { tabindex: -1 }, title);
  view.replaceChildren(heading, h('p', {}, 'Loading…'));
  const ctx = { isAdmin: user.role === 'admin', signal: controller.signal, query: new URLSearchParams(query ?? ''), view, run, refresh: render };
  const signal = controller.signal;
  try {
    const nodes = await page(ctx);
    if (signal.aborted) { return; }
    view.replaceChildren(heading, ...[nodes].flat().filter(Boolean));
    view.dataset.page = route;
  } catch (error) {
    if (signal.aborted) { return; }
    if (error instanceof ApiError && error.status === 401) { signOut(); say('The key is no longer accepted; sign in again.'); return; }
    view.replaceChildren(heading, h('p', { class: 'error', role: 'alert' }, `Could not load this page: ${error.message}`));
  }
  heading.focus();
}

signinForm.addEventListener('submit', async event => {
  event.preventDefault();
  const error = document.getElementById('signin-error');
  error.textContent = '';
  try {
    await signIn(signinForm.elements.key.value.trim());
    say(`Signed in as ${user.keyId}.`);
    if (!location.hash) { location.hash = '#overview'; } else { await render(); }
  } catch (failure) {
    error.textContent = failure instanceof ApiError && failure.status === 401 ? 'This key was not accepted.'
      : failure instanceof ApiError && failure.status === 403 ? 'This key may not use the console: sign in with an admin or viewer key.'
      : `Sign-in failed: ${failure.message}`;
  }
});
signoutButton.addEventListener('click', signOut);
window.addEventListener('hashchange', render);

if (session.key) {
  signIn(session.key).then(render, () => say('The saved key is no longer accepted; sign in again.'));
}
