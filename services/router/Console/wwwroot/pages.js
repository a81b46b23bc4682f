// One function per page: it reads the admin API and returns the page's nodes. Admin actions are only built for
// the admin role (the API refuses them for viewers anyway).
import { api, subscribe } from './api.js';
import { h, table, figure, fmt, state } from './dom.js';
import { requestBars, latencyLine } from './charts.js';

const startOfUtcDay = () => { const d = new Date(); d.setUTCHours(0, 0, 0, 0); return d.toISOString(); };

// Overview: the whole cluster's last 30 minutes from the ledger (live over server-sent events), today's cost against the global budget.
export async function overview(ctx) {
  const [first, today, global] = await Promise.all([
    api('/admin/overview'),
    api(`/admin/usage?groupBy=day&from=${encodeURIComponent(startOfUtcDay())}`),
    api('/admin/quotas/global').catch(() => null),
  ]);
  const costToday = today.buckets.reduce((sum, b) => sum + b.costMicros, 0);
  const budgets = (global?.windows ?? []).filter(w => w.rule.metric === 'cost');
  const live = h('span', { class: 'live', 'data-testid': 'live' }, 'connecting…');
  const figures = h('div', {});
  const show = o => {
    figures.replaceChildren(
      h('div', { class: 'cards' },
        figure('Requests (30 min)', fmt.int(o.requests), 'requests'),
        figure('Error ratio', fmt.pct(o.errorRatio), 'error-ratio'),
        figure('p95 latency', fmt.ms(o.p95LatencyMs), 'p95'),
        figure('Cache hit ratio', fmt.pct(o.cacheHitRatio), 'cache-hit-ratio'),
        figure('Cost today (ledger)', fmt.usd(costToday), 'cost-today'),
        ...budgets.map(w => figure(`Budget per ${w.rule.period}`, `${fmt.usd(w.used)} of ${fmt.usd(w.rule.limit)}`, 'budget'))),
      h('h2', {}, 'Over time'),
      h('div', { class: 'charts' }, h('div', { class: 'chart' }, requestBars(o.series)), h('div', { class: 'chart' }, latencyLine(o.series))),
      h('h2', {}, 'Errors by class'),
      table('Failed requests in the last 30 minutes, by error class', [
        { label: 'Error class', value: r => r[0] }, { label: 'Requests', value: r => fmt.int(r[1]), num: true },
      ], Object.entries(o.errorsByClass), 'No errors.'));
  };
  show(first);
  subscribe('/admin/overview/events', (type, data) => {
    if (type === 'overview') { show(data); live.textContent = `● live, updated ${new Date().toLocaleTimeString()}`; }
    if (type === 'unavailable') { live.textContent = 'the ledger cannot be read right now; showing the last figures'; }
  }, ctx.signal).catch(() => { if (!ctx.signal.aborted) { live.textContent = 'live updates stopped (reload to retry)'; } });
  return [h('p', {}, 'Every router replica, last 30 minutes (the ledger trails traffic by a second or two). ', live), figures,
    budgets.length ? null : h('p', {}, 'No cost budget is set on the global scope (PUT /admin/quotas/global).')];
}

// Free-tier headroom: each free model's provider window scope as its quota actor holds it now (no ledger lag).
export async function headroom() {
  const models = await api('/admin/headroom');
  const rows = models.flatMap(m => m.windows.map(w => ({ ...w, taken: w.used + w.leased, m })));
  return [h('p', {}, 'The free-tier windows the routers lease from, live: used (settled) plus leased (requests in flight and slices routers hold) against the limit in force — the catalog\'s, or what the provider stated — and when each window resets on the provider\'s clock.'),
    table('Free-tier headroom per provider and model', [
      { label: 'Provider', value: r => r.m.provider },
      { label: 'Model', value: r => r.m.scope.endsWith(`:${r.m.model}`) ? r.m.model : `${r.m.model} (shared: ${r.m.scope})` },
      { label: 'Window', value: r => `${r.metric} / ${r.period}` },
      { label: 'Taken / limit', value: r => h('span', {}, h('progress', { max: r.limit, value: Math.min(r.taken, r.limit), 'aria-label': `${r.taken} of ${r.limit}` }), ` ${fmt.int(r.taken)} / ${fmt.int(r.limit)}`) },
      { label: 'Of which leased', value: r => fmt.int(r.leased), num: true },
      { label: 'Remaining', value: r => fmt.int(r.remaining), num: true },
      { label: 'Resets', value: r => r.m.state === 'live' ? fmt.until(r.resetsAt) : r.m.state === 'unavailable' ? 'unknown (quota actor unreachable)' : 'not started' },
      { label: 'Cooldown', value: r => r.m.cooldownUntil ? `until ${fmt.time(r.m.cooldownUntil)} (${r.m.cooldownReason})` : '—' },
    ], rows, 'No free-tier model in the catalog.')];
}

export async function providers(ctx) {
  const [list, circuits] = await Promise.all([api('/admin/providers'), ctx.isAdmin ? api('/admin/circuits') : null]);
  const act = (label, path, cls) => h('button', {
    type: 'button', class: cls, onclick: async () => { await ctx.run(`${label}: done`, () => api(path, { method: 'POST' })); ctx.refresh(); },
  }, label);
  const columns = [
    { label: 'Provider', value: p => p.provider },
    { label: 'Routing', value: p => state(p.enabled ? 'enabled' : 'disabled') },
    { label: 'Circuit', value: p => state(p.circuit) },
    { label: 'Health', value: p => state(p.health?.status ?? 'unknown') },
    { label: 'Last failure', value: p => p.health?.lastFailureAt ? `${fmt.time(p.health.lastFailureAt)} (${p.health.lastError ?? 'error'})` : '—' },
    { label: 'Next retry', value: p => p.nextRetryAt ? fmt.time(p.nextRetryAt) : '—' },
    { label: 'Models', value: p => fmt.int(p.models.length), num: true },
  ];
  if (ctx.isAdmin) {
    columns.push({ label: 'Action', value: p => p.enabled
      ? act(`Disable ${p.provider}`, `/admin/providers/${encodeURIComponent(p.provider)}/disable`, 'danger')
      : act(`Enable ${p.provider}`, `/admin/providers/${encodeURIComponent(p.provider)}/enable`) });
  }
  const nodes = [table('Providers, their routing switch, circuit and shared health', columns, list, 'The catalog is empty.')];
  if (circuits) {
    nodes.push(h('h2', {}, 'Circuits'), table('Every breaker this replica knows', [
      { label: 'Circuit', value: c => c.key },
      { label: 'State', value: c => state(c.state) },
      { label: 'Failures', value: c => fmt.int(c.failures), num: true },
      { label: 'Next retry', value: c => fmt.time(c.nextRetryAt) },
      { label: 'Reason', value: c => c.reason ?? '—' },
      { label: 'Action', value: c => c.state === 'closed' ? '' : act(`Reset ${c.key}`, `/admin/circuits/reset?key=${encodeURIComponent(c.key)}`, 'secondary') },
    ], circuits));
  }
  return nodes;
}

function explain(d) {
  const tried = [...d.failedCandidates.map(c => `${c} (failed)`), d.provider ? `${d.provider}/${d.model} (${d.status < 400 ? 'answered' : 'last tried'})` : null].filter(Boolean);
  const rows = [
    ['Request id', d.requestId], ['Time', fmt.time(d.at)], ['Key', d.keyId], ['Team', d.team ?? '—'], ['Task type', d.taskType],
    ['Model asked for', d.requestedModel ?? '(default route)'], ['Streamed', d.stream ? 'yes' : 'no'],
    ['Why this route', d.routeReason || '—'], ['Candidates tried, in order', tried.length ? tried.join(' → ') : 'none'],
    ['Attempts', String(d.attempts)], ['Cache', d.cache], ['Cost', fmt.usd(d.costMicros)],
    ['Tokens in / out', `${fmt.int(d.inputTokens)} / ${fmt.int(d.outputTokens)}`],
    ['Latency (upstream)', `${fmt.ms(d.latencyMs)} (${fmt.ms(d.upstreamMs)})`], ['Status', `${d.status}${d.errorClass ? ` ${d.errorClass}` : ''}`],
  ];
  return h('section', { class: 'card', 'aria-label': `Routing explanation of ${d.requestId}`, 'data-testid': 'explanation' },
    h('h2', { tabindex: -1 }, 'Routing explanation'), h('dl', { class: 'explain' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}

export async function decisions(ctx) {
  const detail = h('div', {});
  const results = h('div', {});
  const input = h('input', { id: 'request-id', name: 'requestId', value: ctx.query.get('requestId') ?? '', placeholder: 'req_… (prefix)' });
  const load = async () => {
    const q = input.value.trim();
    const list = await api(`/admin/decisions?limit=100${q ? `&requestId=${encodeURIComponent(q)}` : ''}`);
    results.replaceChildren(table('Recent requests of every replica, newest first', [
      { label: 'Time', value: d => fmt.time(d.at) },
      { label: 'Request id', value: d => d.requestId },
      { label: 'Key', value: d => d.keyId ?? '—' },
      { label: 'Asked for', value: d => d.requestedModel ?? '—' },
      { label: 'Served by', value: d => d.provider ? `${d.provider}/${d.model}` : '—' },
      { label: 'Status', value: d => `${d.status}${d.errorClass ? ` ${d.errorClass}` : ''}` },
      { label: 'Cache', value: d => d.cache },
      { label: 'Cost', value: d => fmt.usd(d.costMicros), num: true },
      { label: 'Latency', value: d => fmt.ms(d.latencyMs), num: true },
      { label: 'Details', value: d => h('button', { type: 'button', class: 'secondary', onclick: () => { detail.replaceChildren(explain(d)); detail.querySelector('h2').focus(); } }, 'Explain') },
    ], list, q ? 'No request with this id (a prefix searches the last 7 days).' : 'No requests yet.'));
    if (list.length === 1) { detail.replaceChildren(explain(list[0])); }
  };
  const form = h('form', { class: 'inline', role: 'search', onsubmit: e => { e.preventDefault(); ctx.run(null, load); } },
    h('label', { for: 'request-id' }, 'Request id', input), h('button', { type: 'submit' }, 'Search'));
  await load();
  return [form, detail, results];
}

export async function keys(ctx) {
  const list = await api('/admin/keys');
  const name = h('input', { id: 'key-name', name: 'name', required: true, maxlength: 200 });
  const role = h('select', { id: 'key-role', name: 'role' }, ['user', 'service', 'viewer', 'admin'].map(r => h('option', { value: r }, r)));
  const team = h('input', { id: 'key-team', name: 'team', maxlength: 100 });
  const create = async () => {
    const created = await ctx.run('Key created', () => api('/admin/keys', { method: 'POST', body: { name: name.value, role: role.value, team: team.value || undefined } }));
    if (!created) { return; }
    await ctx.refresh();
    // Shown once, here, after the refresh: nothing keeps it; leaving or reloading the page forgets it.
    ctx.view.prepend(h('section', { class: 'card', 'aria-label': 'New key', 'data-testid': 'new-key' },
      h('h2', { tabindex: -1 }, `New key “${created.info.name}”`),
      h('p', {}, 'Copy this key now: it is not shown again.'),
      h('p', { class: 'secret', 'data-testid': 'secret' }, created.key)));
    ctx.view.querySelector('[data-testid=new-key] h2').focus();
  };
  return [
    h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); ctx.run(null, create); } },
      h('label', { for: 'key-name' }, 'Name', name), h('label', { for: 'key-role' }, 'Role', role), h('label', { for: 'key-team' }, 'Team', team),
      h('button', { type: 'submit' }, 'Create key')),
    table('API keys (never their secrets)', [
      { label: 'Name', value: k => k.name },
      { label: 'Id', value: k => k.id },
      { label: 'Prefix', value: k => k.prefix },
      { label: 'Role', value: k => k.role },
      { label: 'Team', value: k => k.team ?? '—' },
      { label: 'Created', value: k => fmt.time(k.createdAt) },
      { label: 'Last used', value: k => fmt.time(k.lastUsedAt) },
      { label: 'State', value: k => k.revokedAt ? `revoked ${fmt.time(k.revokedAt)}` : 'active' },
      { label: 'Action', value: k => k.revokedAt ? '' : h('button', { type: 'button', class: 'danger',
        onclick: async () => { if (await ctx.run(`Key ${k.name} revoked`, () => api(`/admin/keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' }).then(() => true))) { ctx.refresh(); } } }, `Revoke ${k.name}`) },
    ], list, 'No keys yet (the bootstrap key is not listed).')];
}

// RFC 4180 quoting; a cell starting with = + - @ gets a leading apostrophe so that no spreadsheet runs it as a formula.
const csvCell = v => { let s = String(v ?? ''); if (/^[=+\-@]/.test(s)) { s = `'${s}`; } return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s; };

export async function usage(ctx) {
  const day = d => d.toISOString().slice(0, 10);
  const from = h('input', { id: 'usage-from', type: 'date', value: ctx.query.get('from') ?? day(new Date(Date.now() - 7 * 864e5)) });
  const to = h('input', { id: 'usage-to', type: 'date', value: ctx.query.get('to') ?? day(new Date(Date.now() + 864e5)) });
  const groupBy = h('select', { id: 'usage-group' }, ['team', 'key', 'model', 'provider', 'day', 'task_type'].map(g => h('option', { value: g }, g)));
  groupBy.value = ctx.query.get('groupBy') ?? 'model';
  const results = h('div', {});
  const columns = [
    { label: 'Key', value: b => b.key, csv: 'key' }, { label: 'Requests', value: b => fmt.int(b.requests), num: true, csv: 'requests' },
    { label: 'Input tokens', value: b => fmt.int(b.inputTokens), num: true, csv: 'inputTokens' },
    { label: 'Output tokens', value: b => fmt.int(b.outputTokens), num: true, csv: 'outputTokens' },
    { label: 'Cost', value: b => fmt.usd(b.costMicros), num: true, csv: 'costMicros' },
    { label: 'Cache hits', value: b => fmt.int(b.cacheHits), num: true, csv: 'cacheHits' },
    { label: 'Errors', value: b => fmt.int(b.errors), num: true, csv: 'errors' },
  ];
  const load = async () => {
    const report = await api(`/admin/usage?groupBy=${groupBy.value}&from=${from.value}T00:00:00Z&to=${to.value}T00:00:00Z`);
    const csv = [columns.map(c => c.csv).join(','), ...report.buckets.map(b => columns.map(c => csvCell(b[c.csv])).join(','))].join('\r\n') + '\r\n';
    const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `usage-${groupBy.value}-${from.value}-${to.value}.csv` }, 'Export CSV');
    results.replaceChildren(h('p', {}, link),
      table(`Usage by ${groupBy.value}, ${from.value} to ${to.value} (UTC)`, columns, report.buckets, 'No usage in this range.'));
  };
  await load();
  return [h('form', { class: 'inline', onsubmit: e => { e.preventDefault(); ctx.run(null, load); } },
    h('label', { for: 'usage-from' }, 'From', from), h('label', { for: 'usage-to' }, 'To (exclusive)', to),
    h('label', { for: 'usage-group' }, 'Group by', groupBy), h('button', { type: 'submit' }, 'Show')), results];
}

export async function alerts() {
  const { alerts: list } = await api('/admin/alerts');
  return [table('Budget and free-tier alerts raised', [
    { label: 'Raised', value: a => fmt.time(a.raisedAt) },
    { label: 'Scope', value: a => a.scope },
    { label: 'Window', value: a => `${a.metric} / ${a.period}` },
    { label: 'Threshold', value: a => fmt.pct(a.threshold), num: true },
    { label: 'Used / limit', value: a => `${fmt.int(a.used)} / ${fmt.int(a.limit)}`, num: true },
    { label: 'Window start', value: a => fmt.time(a.windowStart) },
  ], list, 'No alerts.')];
}
