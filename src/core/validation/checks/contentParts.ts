import { quote, type Findings, type JsonPath } from '../findings';
import { isJsonObject, typeName, type JsonObject } from '../jsonValue';
import type { ExampleState } from './exampleState';
import { imageUrlProblem } from './imageUrl';

/** The API rejects examples with more images than this. */
export const MAX_IMAGES_PER_EXAMPLE = 10;

/** Checks the parts of an array `content` at `path`: text parts and images, counting images per example. */
export function checkContentParts(
  parts: readonly unknown[],
  path: JsonPath,
  findings: Findings,
  state: ExampleState,
): void {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isJsonObject(part)) {
      findings.add('ft.content-part', `Each content part must be an object, not ${typeName(part)}`, [...path, i]);
      continue;
    }
    const type = part['type'];
    if (type === 'text') {
      if (typeof part['text'] !== 'string')
        findings.add('ft.content-part', 'A text part needs a string "text"', [...path, i]);
    } else if (type === 'image_url') {
      checkImagePart(part, [...path, i], findings);
      state.images++;
      if (state.images === MAX_IMAGES_PER_EXAMPLE + 1) {
        findings.add(
          'ft.too-many-images',
          `More than ${MAX_IMAGES_PER_EXAMPLE} images in one example; the API allows at most ${MAX_IMAGES_PER_EXAMPLE}`,
          [...path, i],
        );
      }
    } else if (type === undefined) {
      findings.add('ft.content-part', 'Content part is missing "type"', [...path, i]);
    } else {
      findings.add(
        'ft.content-part',
        `Unsupported content part type ${quote(type)}; fine-tuning accepts "text" and "image_url"`,
        [...path, i, 'type'],
      );
    }
  }
}

function checkImagePart(part: JsonObject, path: JsonPath, findings: Findings): void {
  const image = part['image_url'];
  if (!isJsonObject(image)) {
    findings.add('ft.content-part', 'An image part needs an "image_url" object with a "url"', path);
    return;
  }
  const url = image['url'];
  if (typeof url !== 'string') {
    findings.add(
      'ft.image-url',
      `"image_url.url" must be a string, not ${typeName(url)}`,
      url === undefined ? [...path, 'image_url'] : [...path, 'image_url', 'url'],
    );
  } else {
    const problem = imageUrlProblem(url);
    if (problem !== undefined) findings.add('ft.image-url', problem, [...path, 'image_url', 'url']);
  }
  if ('detail' in image) {
    const detail = image['detail'];
    if (detail !== 'low' && detail !== 'high' && detail !== 'auto') {
      const shown = typeof detail === 'string' ? quote(detail) : typeName(detail);
      findings.add('ft.image-detail', `Image "detail" must be "low", "high" or "auto", not ${shown}`, [
        ...path,
        'image_url',
        'detail',
      ]);
    }
  }
}
