import type { TwcsOptions } from '../model';

// Twitter handles are word characters; one glued to a word or another @ is part of an e-mail address, not a mention.
const MENTION = /(?<![\w@])@\w+/g;
const T_CO_LINK = /https?:\/\/t\.co\/\w+/g;
const LINK_TOKEN = /^https?:\/\//;
// Agents initial their tweets: " ^RR", " -AB", " *TS", " ~KM", " /JN", or a first name: " -Sam".
const SIGNOFF = /^[\^\-*~/–—](?:[A-Z]{1,4}|[A-Z][a-z]{1,11})$/;
const SPACES = /[ \t]{2,}/g;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Removes a sign-off that ends the text, looking past trailing links (kept) so it works without stripLinks too. */
export function stripSignoff(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  for (let tokens = 0; tokens < 4 && end > 0; tokens++) {
    let start = end;
    while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start--;
    const token = text.slice(start, end);
    if (SIGNOFF.test(token) && start > 0) return text.slice(0, start).trimEnd() + text.slice(end).trimEnd();
    if (!LINK_TOKEN.test(token)) return text;
    end = start;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  }
  return text;
}

// Twitter's API escapes these five in tweet text; the Kaggle export kept them. Numeric ones turn up too.
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#[xX]([\da-fA-F]{1,6}));/g;

/** Decodes the HTML entities of tweet text (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#39;` `&#x1F600;`) in one pass. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (entity, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name]!;
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
      // Not a character (NUL, surrogates, beyond Unicode): keep the text as written.
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : entity;
    },
  );
}

/** Applies the TWCS cleaning options to one tweet's text; HTML entities are decoded unless kept. */
export function cleanTweet(text: string, isCompany: boolean, options: TwcsOptions): string {
  let cleaned = options.keepHtmlEntities === true ? text : decodeHtmlEntities(text);
  const decoded = cleaned;
  if (options.stripLinks === true) cleaned = cleaned.replace(T_CO_LINK, '');
  if (options.stripSignoffs === true && isCompany) cleaned = stripSignoff(cleaned);
  if (options.stripMentions === true) cleaned = cleaned.replace(MENTION, '');
  if (cleaned !== decoded) cleaned = cleaned.replace(SPACES, ' ');
  return cleaned.trim();
}
