// The live chart of a job's loss and token accuracy by step, drawn with uPlot. Colours come from the VS Code theme's
// chart variables, read at run time and again when the theme changes. Keyboard: the chart is focusable, the arrow
// keys (Home, End) move between steps and a live region reads that step's values; checkboxes show or hide each line.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartColumns, METRIC_SERIES, type MetricSeries } from '../../src/core/jobs/metrics';
import type { StepMetrics } from '../../src/protocol/jobs';
import { element } from '../shared/dom';

/** A theme variable per series (same order as METRIC_SERIES), with a fallback for themes without it. */
const SERIES_COLOURS: readonly [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
];

const HEIGHT = 320;
const STEP_INCREMENTS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 50_000,
];

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function formatValue(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(4);
}

export class MetricsChart {
  /** The chart's section: toggles, plot, live region. */
  readonly element: HTMLElement;
  private readonly plotArea: HTMLElement;
  private readonly live: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly shown = METRIC_SERIES.map(() => true);
  private readonly boxes: HTMLInputElement[] = [];
  private plot: uPlot | undefined;
  private data = chartColumns([]);
  /** The step index the keyboard cursor is on. */
  private cursor: number | undefined;
  private readonly resize: ResizeObserver;
  private readonly theme: MutationObserver;

  constructor() {
    this.plotArea = element('div', {
      class: 'plot',
      tabindex: '0',
      role: 'group',
      'aria-roledescription': 'chart',
      'aria-label': 'Loss and token accuracy by step. Left and right arrow keys move between steps.',
    });
    this.live = element('p', { class: 'cursor-values', 'aria-live': 'polite' });
    this.empty = element('p', { class: 'empty' }, 'No metrics yet: the chart fills in as the job reports steps.');
    this.element = element('div', { class: 'metrics-chart' }, this.toggles(), this.empty, this.plotArea, this.live);
    this.plotArea.addEventListener('keydown', (event) => this.onKey(event));
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this.plotArea);
    // VS Code switches the theme by changing the body's class (vscode-light, vscode-dark, vscode-high-contrast…).
    this.theme = new MutationObserver(() => this.rebuild());
    this.theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  /** Shows these metrics (all of them, merged by step, in step order). */
  update(points: readonly StepMetrics[]): void {
    this.data = chartColumns(points);
    const hasPoints = points.length > 0;
    this.empty.hidden = hasPoints;
    this.plotArea.hidden = !hasPoints;
    if (!hasPoints) return;
    if (this.plot) this.plot.setData(this.data);
    else this.rebuild();
    this.plotArea.setAttribute('aria-label', this.summary(points));
  }

  dispose(): void {
    this.resize.disconnect();
    this.theme.disconnect();
    this.plot?.destroy();
  }

  private summary(points: readonly StepMetrics[]): string {
    const last = points.at(-1)!;
    const values = METRIC_SERIES.filter((s) => last[s.field] !== undefined).map(
      (s) => `${s.label} ${formatValue(last[s.field])}`,
    );
    return (
      `Loss and token accuracy by step, ${points.length} steps; at step ${last.step}: ${values.join(', ')}. ` +
      'Left and right arrow keys move between steps.'
    );
  }

  private toggles(): HTMLElement {
    const boxes = METRIC_SERIES.map((series, i) => {
      const box = element('input', { type: 'checkbox', checked: '', 'data-series': series.field }) as HTMLInputElement;
      this.boxes.push(box);
      box.addEventListener('change', () => {
        this.shown[i] = box.checked;
        this.plot?.setSeries(i + 1, { show: box.checked });
      });
      const swatch = element('span', { class: `swatch swatch-${i}${series.axis === 'accuracy' ? ' dashed' : ''}` });
      return element('label', {}, box, swatch, series.label);
    });
    return element('fieldset', { class: 'series-toggles' }, element('legend', {}, 'Lines'), ...boxes);
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.plot = undefined;
    const width = this.plotArea.clientWidth;
    if (width === 0 || this.data[0].length === 0) return;
    this.plot = new uPlot(this.options(width), this.data, this.plotArea);
  }

  private fit(): void {
    const width = this.plotArea.clientWidth;
    if (width === 0) return;
    if (this.plot) this.plot.setSize({ width, height: HEIGHT });
    else this.rebuild();
  }

  private options(width: number): uPlot.Options {
    const foreground = themeColour('--vscode-foreground', '#cccccc');
    const grid = themeColour('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
    const axis = (scale: string, label: string, side?: number): uPlot.Axis => ({
      scale,
      label,
      stroke: foreground,
      grid: { stroke: grid, width: 1, show: side === undefined },
      ticks: { stroke: grid, width: 1 },
      ...(side === undefined ? {} : { side }),
    });
    return {
      width,
      height: HEIGHT,
      scales: { x: { time: false }, loss: { auto: true }, accuracy: { range: [0, 1] } },
      // Steps are whole numbers: no tick at 2.5.
      axes: [
        { ...axis('x', 'Step'), incrs: STEP_INCREMENTS },
        axis('loss', 'Loss'),
        axis('accuracy', 'Token accuracy', 1),
      ],
      series: [{ label: 'Step' }, ...METRIC_SERIES.map((series, i) => this.seriesOptions(series, i))],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      // A click on uPlot's own legend shows or hides a line too: keep the checkboxes in step.
      hooks: { setSeries: [(plot, index) => index !== null && this.syncToggle(plot, index)] },
    };
  }

  private syncToggle(plot: uPlot, index: number): void {
    const show = plot.series[index]?.show !== false;
    if (index === 0 || this.shown[index - 1] === show) return;
    this.shown[index - 1] = show;
    this.boxes[index - 1]!.checked = show;
  }

  private seriesOptions(series: MetricSeries, index: number): uPlot.Series {
    const [variable, fallback] = SERIES_COLOURS[index]!;
    return {
      label: series.label,
      scale: series.axis,
      stroke: themeColour(variable, fallback),
      width: 1.5,
      show: this.shown[index],
      // Validation is measured at some steps only: join those points rather than leaving dots.
      spanGaps: true,
      value: (_plot, value) => formatValue(value),
      ...(series.axis === 'accuracy' ? { dash: [6, 4] } : {}),
      // Full validation runs a few times per job: mark its points so a short line is still seen.
      points: { show: series.field.startsWith('full') },
    };
  }

  private onKey(event: KeyboardEvent): void {
    const steps = this.data[0];
    if (steps.length === 0 || !this.plot) return;
    const last = steps.length - 1;
    const current = this.cursor ?? last;
    const next =
      event.key === 'ArrowLeft'
        ? Math.max(0, current - 1)
        : event.key === 'ArrowRight'
          ? Math.min(last, current + 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    this.cursor = next;
    const step = steps[next]!;
    this.plot.setCursor({ left: this.plot.valToPos(step, 'x'), top: HEIGHT / 4 });
    const values = METRIC_SERIES.flatMap((series, i) =>
      this.shown[i] && this.data[i + 1]![next] !== null
        ? [`${series.label} ${formatValue(this.data[i + 1]![next])}`]
        : [],
    );
    this.live.textContent = `Step ${step}: ${values.join(', ') || 'no values'}`;
  }
}
