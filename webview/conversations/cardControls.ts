// The codicon and button a card's controls are made of.
import { element } from '../shared/dom';

export function icon(name: string): HTMLElement {
  return element('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A button named `name` (data-control) for tests and styles; an empty `text` makes it an icon button. */
export function button(
  iconElement: HTMLElement | undefined,
  text: string,
  label: string,
  onClick: () => void,
  name: string,
  disabled = false,
): HTMLButtonElement {
  const node = element(
    'button',
    { type: 'button', class: text === '' ? 'icon-button' : 'text-button', 'aria-label': label, title: label },
    ...(iconElement ? [iconElement] : []),
    ...(text === '' ? [] : [element('span', {}, text)]),
  ) as HTMLButtonElement;
  node.dataset.control = name;
  node.disabled = disabled;
  node.addEventListener('click', onClick);
  return node;
}
