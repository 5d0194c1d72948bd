// Small bar charts drawn as SVG: a day's throughput, waits and no-shows need no charting library.
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';

  function svg(tag, attributes, text) {
    const node = document.createElementNS(NS, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * Horizontal bars, one per {label, value}; the chart's accessible name lists every value, so a screen
   * reader hears the figures, not a picture.
   */
  function bars(title, rows, unit) {
    const width = 360, rowHeight = 22, labelWidth = 150, top = 4;
    const max = Math.max(1, ...rows.map(r => r.value || 0));
    const chart = svg('svg', {class: 'chart', viewBox: `0 0 ${width} ${top + rows.length * rowHeight}`, role: 'img',
      'aria-label': title + ': ' + rows.map(r => r.label + ' ' + (r.value === null ? '–' : r.value) + (unit || '')).join(', ')});
    rows.forEach((r, i) => {
      const y = top + i * rowHeight;
      const length = r.value ? Math.max(2, (width - labelWidth - 50) * r.value / max) : 0;
      chart.append(svg('text', {x: 0, y: y + 15}, r.label));
      chart.append(svg('rect', {x: labelWidth, y: y + 3, width: length, height: rowHeight - 8, fill: '#0b5cad'}));
      chart.append(svg('text', {x: labelWidth + length + 4, y: y + 15}, r.value === null ? '–' : r.value + (unit || '')));
    });
    return chart;
  }

  return {bars};
})();
