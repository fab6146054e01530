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

/** Applies the TWCS cleaning options to one tweet's text. */
export function cleanTweet(text: string, isCompany: boolean, options: TwcsOptions): string {
  let cleaned = text;
  if (options.stripLinks === true) cleaned = cleaned.replace(T_CO_LINK, '');
  if (options.stripSignoffs === true && isCompany) cleaned = stripSignoff(cleaned);
  if (options.stripMentions === true) cleaned = cleaned.replace(MENTION, '');
  if (cleaned !== text) cleaned = cleaned.replace(SPACES, ' ');
  return cleaned.trim();
}
