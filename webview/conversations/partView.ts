// One part of a message's content as a card shows it: text, an image, or any other part as its JSON.
// An image is shown only from a data: URL, and a remote image's URL only as text, so a dataset makes the page load
// nothing.
import type { ImagePart, PartView } from '../../src/core/conversations/exampleView';
import { element } from '../shared/dom';
import { icon } from './cardControls';
import type { CardBuild } from './cardContext';
import { textBlock } from './textBlockView';

export function partView(part: PartView, line: number, context: CardBuild): HTMLElement {
  if (part.kind === 'text') return textBlock(part, line, context);
  if (part.kind === 'image') return imageView(part);
  return element(
    'div',
    { class: 'other-part' },
    element('span', { class: 'part-type' }, part.type),
    element('pre', {}, part.json),
  );
}

/** A data: image as a thumbnail; anything else only named, never loaded. */
function imageView(part: ImagePart): HTMLElement {
  if (part.src !== undefined && /^data:image\//i.test(part.src)) {
    const image = element('img', { class: 'thumbnail', alt: 'Image in the example' }) as HTMLImageElement;
    image.src = part.src;
    const figure = element('figure', { class: 'image' }, image);
    if (part.detail !== undefined) figure.append(element('figcaption', {}, `detail: ${part.detail}`));
    return figure;
  }
  const text = element('div', { class: 'remote-image' }, icon('file-media'), 'remote image, not loaded');
  if (part.remote !== undefined) text.append(element('code', {}, part.remote));
  return text;
}
