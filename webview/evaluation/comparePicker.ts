// The Evaluation page's pair of models to compare (model A versus model B), shared by the judge and blind review.
import { element } from '../shared/dom';

export class ComparePicker {
  readonly element = element('section', { class: 'compare', 'aria-label': 'Compare two models' });
  /** Indexes into the results file's models. */
  a = 0;
  b = 1;

  /** `changed` is called after the user picks another model for A or B. */
  constructor(private readonly changed: () => void) {}

  /** Keeps the pair within `models` (two different ones when there are two) and draws the two selects. */
  render(models: readonly string[]): void {
    if (this.a >= models.length) this.a = 0;
    if (this.b >= models.length || this.b === this.a) this.b = this.a === 0 ? 1 : 0;
    if (models.length < 2) {
      this.element.replaceChildren(element('p', { class: 'muted' }, 'Comparing needs a run with two models or more.'));
      return;
    }
    const select = (value: number, label: string, set: (index: number) => void) => {
      const node = element(
        'select',
        { 'aria-label': label },
        ...models.map((model, index) => {
          const option = element('option', { value: String(index) }, model);
          if (index === value) option.setAttribute('selected', '');
          return option;
        }),
      ) as HTMLSelectElement;
      node.addEventListener('change', () => {
        set(Number(node.value));
        this.changed();
      });
      return node;
    };
    this.element.replaceChildren(
      element(
        'p',
        {},
        select(this.a, 'Model A', (i) => (this.a = i)),
        ' versus ',
        select(this.b, 'Model B', (i) => (this.b = i)),
      ),
    );
  }
}
