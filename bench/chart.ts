// A dependency-free SVG of the latency figures: one row per measured thing, nested bars from 0 to each
// percentile (the shortest, darkest, in front), so a row reads as p50 < p95 < p99.

export interface ChartRow {
  label: string;
  /** Ascending values, each drawn from 0. */
  values: number[];
  tone: 'ours' | 'baseline';
}

export interface ChartPanel {
  title: string;
  /** Names of `values`, in order: ['p50', 'p95', 'p99']. */
  series: string[];
  rows: ChartRow[];
}

const WIDTH = 960;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 520;
const ROW_HEIGHT = 20;
const PANEL_GAP = 28;
const SHADES = {
  ours: ['#1f4e79', '#4f81bd', '#a9c4e8'],
  baseline: ['#4d4d4d', '#8c8c8c', '#d0d0d0'],
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const text = (x: number, y: number, content: string, attributes = '') =>
  `<text x="${x}" y="${y}" ${attributes}>${escape(content)}</text>`;

/** A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
const niceMax = (value: number) => {
  const power = 10 ** Math.floor(Math.log10(value || 1));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
};

const formatValue = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

const renderRow = (row: ChartRow, series: string[], y: number, scale: (value: number) => number) => {
  const shades = SHADES[row.tone];
  const bars = row.values
    .map((value, index) => ({ value, shade: shades[Math.min(index, shades.length - 1)] }))
    .reverse()
    .map(
      ({ value, shade }) =>
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${Math.max(1, scale(value)).toFixed(1)}" height="${ROW_HEIGHT - 6}" fill="${shade}"/>`,
    );
  const summary = row.values.map((value, index) => `${series[index]} ${formatValue(value)}`).join(' · ');
  const end = LABEL_WIDTH + scale(Math.max(...row.values)) + 6;
  return [
    text(LABEL_WIDTH - 8, y + 11, row.label, 'text-anchor="end"'),
    ...bars,
    text(end, y + 11, `${summary} ms`, 'fill="#333"'),
  ].join('');
};

const renderPanel = (panel: ChartPanel, top: number): { svg: string; height: number } => {
  const max = niceMax(Math.max(...panel.rows.flatMap((row) => row.values)));
  const scale = (value: number) => (value / max) * BAR_WIDTH;
  const rowsTop = top + 26;
  const rows = panel.rows.map((row, index) =>
    renderRow(row, panel.series, rowsTop + index * ROW_HEIGHT, scale),
  );
  const axisY = rowsTop + panel.rows.length * ROW_HEIGHT + 2;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
    const x = LABEL_WIDTH + fraction * BAR_WIDTH;
    return `<line x1="${x}" y1="${rowsTop - 4}" x2="${x}" y2="${axisY}" stroke="#e4e4e4"/>${text(x, axisY + 13, formatValue(fraction * max), 'text-anchor="middle" fill="#666"')}`;
  });
  const legend = `${panel.series.join(', ')} (darkest first)`;
  const svg = [
    text(10, top + 14, panel.title, 'font-weight="bold"'),
    text(WIDTH - 10, top + 14, `bars from 0 to ${legend}, ms`, 'text-anchor="end" fill="#666"'),
    ...ticks,
    ...rows,
  ].join('\n');
  return { svg, height: axisY + 18 - top };
};

/** The panels, one under the other, as a standalone SVG document. */
export const renderChart = (title: string, panels: ChartPanel[]): string => {
  let top = 34;
  const parts = panels.map((panel) => {
    const { svg, height } = renderPanel(panel, top);
    top += height + PANEL_GAP;
    return svg;
  });
  const legend = `<rect x="10" y="${top - 14}" width="12" height="12" fill="${SHADES.ours[0]}"/>${text(26, top - 4, 'this stack')}<rect x="120" y="${top - 14}" width="12" height="12" fill="${SHADES.baseline[0]}"/>${text(136, top - 4, 'bare baseline (same SDK calls, no Middy, no validation)')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top + 6}" viewBox="0 0 ${WIDTH} ${top + 6}" font-family="Helvetica, Arial, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${text(10, 20, title, 'font-size="15" font-weight="bold"')}
${parts.join('\n')}
${legend}
</svg>
`;
};
