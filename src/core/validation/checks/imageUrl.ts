import { quote } from '../findings';

const SUPPORTED_TYPES = 'image/jpeg, image/png or image/webp';
// Linear: one character class and a fixed tail, so no backtracking on multi-megabyte payloads.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Why an image URL will be rejected, or undefined when it is fine: an http(s) URL, or a base64 data URL of a JPEG,
 * PNG or WebP image.
 */
export function imageUrlProblem(url: string): string | undefined {
  const scheme = url.slice(0, 8).toLowerCase();
  if (scheme.startsWith('https://') || scheme.startsWith('http://')) {
    return url.length > (scheme.startsWith('https://') ? 8 : 7) ? undefined : 'Image URL has no host';
  }
  if (!scheme.startsWith('data:')) {
    return `Image URL must be an https:// URL or a base64 data URL (data:image/jpeg;base64,...), not ${quote(url)}`;
  }
  const comma = url.indexOf(',');
  if (comma === -1) return 'Data URL has no comma before its data';
  const header = url.slice(5, comma);
  if (!header.endsWith(';base64'))
    return `Data URL must be base64-encoded (data:image/png;base64,...), not ${quote(header)}`;
  const mime = header.slice(0, -';base64'.length);
  if (mime === 'image/jpg') return 'Data URL type "image/jpg" is not a MIME type; use "image/jpeg"';
  if (mime !== 'image/jpeg' && mime !== 'image/png' && mime !== 'image/webp') {
    return `Unsupported image type ${quote(mime)}; use ${SUPPORTED_TYPES}`;
  }
  if (comma === url.length - 1) return 'Data URL has no image data';
  if (!BASE64.test(url.slice(comma + 1))) return 'Data URL data is not valid base64';
  return undefined;
}
