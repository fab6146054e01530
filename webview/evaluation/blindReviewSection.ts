// The Evaluation page's blind review: one comparison of the pair's answers at a time (in a random order, without
// their models), votes by button or key, the last vote revealed, and the human votes' standings.
import type { ReviewItem, VoteChoice } from '../../src/protocol/evaluation';
import { element } from '../shared/dom';
import { standingsTable } from './metricsView';
import type { EvaluationPageContext } from './pageContext';
import { lastVoteView, reviewItemView, voteOfKey } from './reviewView';

export class BlindReviewSection {
  readonly element = element('section', { 'aria-label': 'Blind review' });
  private review: ReviewItem | undefined;
  private readonly reviewArea = element('div', { class: 'review-area' });
  private readonly lastVote = element('div');

  constructor(private readonly context: EvaluationPageContext) {}

  /** Drops the comparison shown (the pair of models changed) and draws the section again. */
  restart(): void {
    this.review = undefined;
    this.render();
  }

  render(): void {
    const info = this.context.info()!;
    const start = element('button', { type: 'button' }, this.review ? 'Next comparison' : 'Start blind review');
    start.addEventListener('click', () => void this.nextReview(this.review?.position ?? -1));
    start.toggleAttribute('disabled', info.models.length < 2);
    this.element.replaceChildren(
      element('h3', {}, 'Blind review'),
      element(
        'p',
        { class: 'muted' },
        'The two answers are shown in a random order without their model. Keys: 1 / 2 (better), = (tie), 0 (both bad), s (skip).',
      ),
      start,
      this.lastVote,
      this.reviewArea,
      standingsTable('Human votes', info.voted),
    );
    if (this.review === undefined) this.reviewArea.replaceChildren();
  }

  /** Casts the vote of a review key on the comparison shown; keys typed into a field or with a modifier are left. */
  onKey(event: KeyboardEvent): void {
    if (this.review === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as { tagName?: string } | null;
    if (target?.tagName !== undefined && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const choice = voteOfKey(event.key);
    if (choice === undefined) return;
    event.preventDefault();
    void this.vote(choice);
  }

  private async nextReview(from: number): Promise<void> {
    const { pair } = this.context;
    try {
      const item = await this.context.host.request('reviewNext', { a: pair.a, b: pair.b, from });
      this.review = item ?? undefined;
      this.reviewArea.replaceChildren(
        item === null
          ? element('p', {}, 'Every prompt both models answered has a vote.')
          : reviewItemView(item, this.context.renderer, (choice) => void this.vote(choice)),
      );
    } catch (error) {
      this.context.say((error as Error).message, true);
    }
  }

  /** Casts a vote on the comparison shown, then shows the next one. */
  private async vote(choice: VoteChoice): Promise<void> {
    const item = this.review;
    if (item === undefined) return;
    this.review = undefined;
    const { host } = this.context;
    try {
      const result = await host.request('vote', { token: item.token, choice });
      const models = this.context.info()?.models ?? [];
      this.lastVote.replaceChildren(
        lastVoteView(
          result,
          choice,
          (preferred, rejected) =>
            void this.context.save(() =>
              host.request('savePreference', {
                position: item.position,
                preferred: models.indexOf(preferred),
                rejected: models.indexOf(rejected),
              }),
            ),
        ),
      );
    } catch (error) {
      this.context.say((error as Error).message, true);
    }
    await this.nextReview(item.position);
  }
}
