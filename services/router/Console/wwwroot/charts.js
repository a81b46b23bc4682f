// Small inline SVG charts (no library): bars per minute and a line, built with createElementNS.
const NS = 'http://www.w3.org/2000/svg';
const W = 600, H = 140, PAD = 20;

function svg(tag, attributes) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) { element.setAttribute(name, String(value)); }
  return element;
}

function frame(title, max, unit) {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img' });
  const label = svg('title', {});
  label.textContent = title;
  root.append(label, svg('line', { class: 'axis', x1: PAD, y1: H - PAD, x2: W, y2: H - PAD }));
  const top = svg('text', { x: 0, y: 10 });
  top.textContent = `${max} ${unit}`;
  root.append(top);
  return root;
}

function minuteLabels(root, points) {
  const step = (W - PAD) / points.length;
  for (const i of [0, points.length - 1]) {
    // The last label ends at the right edge so that it is not cut.
    const text = svg('text', i ? { x: W, y: H - 5, 'text-anchor': 'end' } : { x: PAD, y: H - 5 });
    text.textContent = new Date(points[i].minute).toISOString().slice(11, 16);
    root.append(text);
  }
}

// Stacked bars: requests per minute, the errors of each minute in red at the foot.
export function requestBars(points) {
  const max = Math.max(1, ...points.map(p => p.requests));
  const root = frame(`Requests per minute, last ${points.length} minutes (errors in red)`, max, 'req/min');
  const step = (W - PAD) / points.length, scale = (H - 2 * PAD) / max;
  points.forEach((p, i) => {
    const x = PAD + i * step + 1, width = Math.max(1, step - 2);
    if (p.requests) { root.append(svg('rect', { class: 'bar', x, width, y: H - PAD - p.requests * scale, height: p.requests * scale })); }
    if (p.errors) { root.append(svg('rect', { class: 'bar err', x, width, y: H - PAD - p.errors * scale, height: p.errors * scale })); }
  });
  minuteLabels(root, points);
  return root;
}

export function latencyLine(points) {
  const max = Math.max(1, ...points.map(p => p.p95LatencyMs));
  const root = frame(`p95 latency per minute, last ${points.length} minutes`, Math.round(max), 'ms');
  const step = (W - PAD) / points.length, scale = (H - 2 * PAD) / max;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${(PAD + (i + .5) * step).toFixed(1)},${(H - PAD - p.p95LatencyMs * scale).toFixed(1)}`).join(' ');
  root.append(svg('path', { class: 'line', d: path }));
  minuteLabels(root, points);
  return root;
}
