import DOMPurify from 'dompurify';
import markdownIt, { type MarkdownIt } from 'markdown-it';
import { isWebUrl } from '../../../src/protocol/webUrl';
import { BlockGroups } from './blockGroups';
import { BlockSplitter } from './blockSplitter';

/**
 * Renders untrusted markdown (model output) into DOM that can do nothing by itself. Two layers, each enough alone for
 * the common attacks: markdown-it with raw HTML off, links limited to http(s), images and links rewritten to inert
 * markup; then DOMPurify with an allowlist of exactly the elements and attributes that markup uses.
 *
 * - A link keeps its text; its URL goes to `data-link` and its href is the placeholder `#`: the webview never follows
 *   it, the click handler (renderedActions.ts) asks the host, which confirms and opens http(s) only. Links of any
 *   other scheme (javascript:, data:, vscode:, command:, file:, mailto:) stay plain text.
 * - An image never loads: it becomes a text placeholder with its alt text and URL.
 * - A code block gets a copy button (markup plus `data-copy-code`; the click handler copies).
 */
export interface MarkdownRenderer {
  /** One block of markdown as a `<div class="md-block">`. */
  renderBlock(markdown: string): HTMLElement;
  /** A whole text, block by block in groups (BlockGroups) exactly as streaming renders it, so both end the same. */
  render(markdown: string): DocumentFragment;
}

/** The placeholder every rendered link has as href. */
export const LINK_PLACEHOLDER = '#';

const allowedTags = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'pre',
  'code',
  'em',
  'strong',
  's',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'div',
  'span',
  'button',
];
const allowedAttributes = ['href', 'title', 'class', 'start', 'type', 'aria-label', 'data-link', 'data-copy-code'];

/** Creates a renderer for a window (the webview's own; in tests, jsdom's). */
export function createMarkdownRenderer(window: Window & typeof globalThis): MarkdownRenderer {
  const markdown = createMarkdownIt();
  const purify = DOMPurify(window);
  // Defence in depth behind markdown-it's own rewriting: an anchor keeps only the placeholder href and a web URL.
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const link = node.getAttribute('data-link');
    if (link === null || !isWebUrl(link)) node.removeAttribute('data-link');
    node.setAttribute('href', LINK_PLACEHOLDER);
  });
  // Set once: given with each call, the configuration is parsed again every time (a streaming reply renders its
  // last block every frame, in each column).
  purify.setConfig({
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  const document = window.document;

  function renderBlock(text: string): HTMLElement {
    const block = document.createElement('div');
    block.className = 'md-block';
    // DOMPurify's types cannot see the configuration set above; check what it returned rather than trust a cast.
    const sanitized: unknown = purify.sanitize(markdown.render(text));
    if (!(sanitized instanceof window.DocumentFragment)) throw new Error('The markdown sanitiser returned no DOM.');
    block.append(sanitized);
    return block;
  }

  return {
    renderBlock,
    render(text) {
      const splitter = new BlockSplitter();
      const fragment = document.createDocumentFragment();
      const groups = new BlockGroups(fragment);
      for (const block of [...splitter.push(text), ...splitter.end()]) groups.add(renderBlock(block));
      return fragment;
    },
  };
}

function createMarkdownIt(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: false });
  // Only text that spells out http(s):// becomes a link: fuzzy matching would turn file names in replies into links
  // to hosts (main.py, README.md: .py and .md are country domains).
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  const escape = md.utils.escapeHtml;
  // Links and images: web URLs only (markdown-it renders a rejected one as its source text).
  md.validateLink = (url) => isWebUrl(url);

  md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    const token = tokens[index]!;
    const href = String(token.attrGet('href') ?? '');
    token.attrs = [
      ['href', LINK_PLACEHOLDER],
      ['data-link', href],
      ['title', href],
    ];
    return self.renderToken(tokens, index, options);
  };
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const source = String(token.attrGet('src') ?? '');
    return `<span class="md-image" title="Images in replies are not loaded">[image${alt ? `: ${escape(alt)}` : ''}] ${escape(source)}</span>`;
  };
  const codeBlock = (code: string, info: string) => {
    const language = /^[\w#+.-]{1,32}/.exec(info.trim())?.[0] ?? '';
    const languageClass = language ? ` class="language-${escape(language)}"` : '';
    return (
      `<div class="md-code"><div class="md-code-bar"><span class="md-code-language">${escape(language)}</span>` +
      `<button type="button" class="md-copy" data-copy-code="" aria-label="Copy code">Copy</button></div>` +
      `<pre><code${languageClass}>${escape(code)}</code></pre></div>\n`
    );
  };
  md.renderer.rules.fence = (tokens, index) => codeBlock(tokens[index]!.content, tokens[index]!.info);
  md.renderer.rules.code_block = (tokens, index) => codeBlock(tokens[index]!.content, '');
  return md;
}
