import { formatCount } from '../shared/dom';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 160;

/** A bar chart of tokens per example as SVG (attributes only: the CSP allows no inline styles). */
export function histogramChart(bins: readonly { from: number; to: number; count: number }[], limit: number): Element {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT + 20}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', 'histogram');
  svg.setAttribute('aria-label', `Histogram of total tokens per example in ${bins.length} bins`);
  const max = Math.max(1, ...bins.map((b) => b.count));
  const width = WIDTH / Math.max(1, bins.length);
  bins.forEach((bin, i) => {
    const height = (bin.count / max) * HEIGHT;
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('x', String(i * width + 1));
    bar.setAttribute('y', String(HEIGHT - height));
    bar.setAttribute('width', String(Math.max(1, width - 2)));
    bar.setAttribute('height', String(height));
    bar.setAttribute('class', bin.from >= limit ? 'bar over' : 'bar');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${formatCount(bin.from)}–${formatCount(bin.to)} tokens: ${formatCount(bin.count)} examples`;
    bar.append(title);
    svg.append(bar);
  });
  const first = bins[0];
  const last = bins[bins.length - 1];
  if (first && last) {
    for (const [x, anchor, text] of [
      [0, 'start', formatCount(first.from)],
      [WIDTH, 'end', formatCount(last.to)],
    ] as const) {
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', String(x));
      label.setAttribute('y', String(HEIGHT + 15));
      label.setAttribute('text-anchor', anchor);
      label.setAttribute('class', 'axis');
      label.textContent = text;
      svg.append(label);
    }
  }
  return svg;
}
