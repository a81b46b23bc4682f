// Every value from data reaches the page as a text node (textContent); nothing is ever parsed as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) { continue; }
    if (name.startsWith('on')) { element.addEventListener(name.slice(2), value); }
    else if (name === 'class') { element.className = value; }
    else { element.setAttribute(name, value === true ? '' : String(value)); }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) { continue; }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// A table: columns [{ label, value: row => text or Node, num? }]; an empty list says so in one row.
export function table(caption, columns, rows, empty = 'Nothing yet.') {
  const head = h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : undefined }, c.label)));
  const body = rows.length
    ? rows.map(row => h('tr', {}, columns.map(c => h('td', { class: c.num ? 'num' : undefined }, c.value(row)))))
    : [h('tr', {}, h('td', { colspan: columns.length }, empty))];
  return h('table', {}, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, body));
}

export function figure(label, value, testId) {
  return h('div', { class: 'card figure', 'data-testid': testId }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

export const fmt = {
  int: n => Number(n ?? 0).toLocaleString('en-US'),
  pct: r => `${(Number(r ?? 0) * 100).toFixed(1)} %`,
  ms: v => `${Number(v ?? 0).toFixed(0)} ms`,
  usd: micros => `$${(Number(micros ?? 0) / 1e6).toFixed(6)}`,
  time: iso => iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '—',
  // "in 3m 20s" until a reset; "now" once past.
  until: iso => {
    if (!iso) { return '—'; }
    const seconds = Math.round((new Date(iso) - Date.now()) / 1000);
    if (seconds <= 0) { return 'now'; }
    const hours = Math.floor(seconds / 3600), minutes = Math.floor(seconds % 3600 / 60);
    return hours ? `in ${hours}h ${minutes}m` : `in ${minutes}m ${seconds % 60}s`;
  },
};

export function state(value) {
  return h('span', { class: `state-${value}` }, value);
}
