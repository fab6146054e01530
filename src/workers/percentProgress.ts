/** One step of a progress notification: how much the bar grows and the text beside it. */
export interface ProgressStep {
  readonly increment: number;
  readonly message: string;
}

/**
 * Turns "done of total" counts into progress steps. VS Code's withProgress adds increments up, so each step carries
 * only the growth since the last one; counts that do not grow (a second pass starting over, an unknown total) give
 * no step, and the bar never passes 100 %.
 */
export function percentProgress(report: (step: ProgressStep) => void): (done: number, total: number) => void {
  let reportedPercent = 0;
  return (done, total) => {
    const percent = total > 0 ? Math.min(100, (100 * done) / total) : 0;
    if (percent <= reportedPercent) return;
    report({ increment: percent - reportedPercent, message: `${Math.floor(percent)} %` });
    reportedPercent = percent;
  };
}
