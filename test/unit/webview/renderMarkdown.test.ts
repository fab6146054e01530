import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer, LINK_PLACEHOLDER } from '../../../webview/shared/markdown/renderMarkdown';
import { StreamingMarkdown } from '../../../webview/shared/markdown/streamingMarkdown';
import { handleRenderedActions } from '../../../webview/shared/markdown/renderedActions';

const { window } = new JSDOM('<!DOCTYPE html><body></body>');
const renderer = createMarkdownRenderer(window as unknown as Window & typeof globalThis);

function rendered(markdown: string): HTMLElement {
  const root = window.document.createElement('div');
  root.append(renderer.render(markdown));
  return root;
}

/** The rendered blocks in order, in their groups or (a streaming tail) on their own. */
function blocksOf(root: Element): Element[] {
  return [...root.querySelectorAll(':scope > .md-group > .md-block, :scope > .md-block')];
}

function streamed(chunks: string[], end = true): HTMLElement {
  const root = window.document.createElement('div');
  const stream = new StreamingMarkdown(renderer, root);
  for (const chunk of chunks) stream.append(chunk);
  if (end) stream.end();
  return root;
}

/** Everything that could run code, load something or navigate: none of it may survive rendering. */
function assertInert(root: HTMLElement, source: string): void {
  for (const element of root.querySelectorAll('*')) {
    for (const { name, value } of element.attributes) {
      assert.doesNotMatch(name, /^on/i, `${name} on <${element.localName}> from ${source}`);
      assert.ok(
        !['src', 'srcset', 'style', 'action', 'formaction', 'xlink:href'].includes(name),
        `${name} from ${source}`,
      );
      if (name === 'href') assert.equal(value, LINK_PLACEHOLDER, `href from ${source}`);
      if (name === 'data-link') assert.match(value, /^https?:\/\//, `data-link from ${source}`);
    }
    assert.ok(
      ![
        'script',
        'iframe',
        'svg',
        'img',
        'object',
        'embed',
        'style',
        'link',
        'meta',
        'form',
        'input',
        'math',
        'video',
        'audio',
        'base',
        'frame',
      ].includes(element.localName),
      `<${element.localName}> from ${source}`,
    );
  }
}

const xssCorpus = [
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<script>alert(1)</script>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<details open ontoggle=alert(1)>',
  '<style>body{background:url(https://x/?q=secret)}</style>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](jav&#x61;script:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](java\nscript:alert(1))',
  '[x]( javascript:alert(1) )',
  '<javascript:alert(1)>',
  '[x][ref]\n[ref]: javascript:alert(1)',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '[x](vscode:extension/evil.publisher)',
  '[x](command:workbench.action.terminal.new)',
  '[x](file:///etc/passwd)',
  '[x](https://user:pass@evil.example/)',
  '![](https://x/?q=secret)',
  '![alt <b>text</b>](https://x/?q=secret "title")',
  '[![img](https://x/i.png)](https://example.com)',
  '```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```',
  '```" onmouseover="alert(1)\ncode\n```',
  '```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>',
  '    <script>alert(1)</script>',
  '`<img src=x onerror=alert(1)>`',
  '| a | b |\n|:-|-:|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
  '> <iframe srcdoc="<script>alert(1)</script>">',
  'see https://example.com/?q=1 and www.example.org and javascript:alert(1) and mailto:a@b.c',
  '<https://example.com/ok> and <mailto:a@b.c>',
  '[click](https://example.com/" onmouseover="alert(1))',
];

describe('markdown renderer: XSS corpus', () => {
  for (const source of xssCorpus) {
    it(`renders inert: ${JSON.stringify(source).slice(0, 70)}`, () => {
      assertInert(rendered(source), source);
      // Mid-stream, cut anywhere, including inside an unterminated fence.
      for (let cut = 1; cut < source.length; cut += 3) assertInert(streamed([source.slice(0, cut)], false), source);
    });
  }

  it('shows links of other schemes as plain text and keeps web links only as data-link', () => {
    const root = rendered('[a](javascript:alert(1)) [b](vscode:x) [c](command:y) [d](https://example.com/d)');
    const anchors = [...root.querySelectorAll('a')];
    assert.deepEqual(
      anchors.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('data-link')]),
      [['d', '#', 'https://example.com/d']],
    );
    assert.match(root.textContent ?? '', /\[a\]\(javascript:alert\(1\)\)/);
  });

  it('links only text that spells out http(s)://, not file names that look like hosts', () => {
    const root = rendered('Edit main.py and README.md, see www.example.org or https://example.com/docs.');
    assert.deepEqual(
      [...root.querySelectorAll('a')].map((a) => a.getAttribute('data-link')),
      ['https://example.com/docs'],
    );
  });

  it('replaces an image by its alt text and URL as text', () => {
    const root = rendered('![a cat](https://x/cat.png?q=secret)');
    assert.equal(root.querySelector('img'), null);
    assert.equal(root.querySelector('.md-image')?.textContent, '[image: a cat] https://x/cat.png?q=secret');
  });

  it('shows HTML in a code fence as text, with a copy button', () => {
    const root = rendered('```html\n<b onclick="x()">hi</b>\n```');
    assert.equal(root.querySelector('pre code')?.textContent, '<b onclick="x()">hi</b>\n');
    assert.equal(root.querySelector('pre code')?.className, 'language-html');
    assert.ok(root.querySelector('button[data-copy-code]'));
    assert.equal(root.querySelector('b'), null);
  });

  it('renders ordinary markdown', () => {
    const root = rendered('# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n\n1. first\n2. second\n');
    assert.equal(root.querySelector('h1')?.textContent, 'Title');
    assert.equal(root.querySelector('strong')?.textContent, 'bold');
    assert.equal(root.querySelectorAll('ul li').length, 2);
    assert.equal(root.querySelectorAll('ol li').length, 2);
  });
});

describe('markdown renderer: streaming', () => {
  const pieces = [
    '# Heading\n',
    'Some text with a [link](https://example.com) and **bold**.\n',
    '\n',
    '\n\n',
    '```js\nconst a = 1;\n\nconsole.log(a);\n```\n',
    '```\nunterminated <script>\n',
    '~~~\ntilde fence\n\n~~~\n',
    '- item one\n- item two\n',
    '1. first\n\n   continued in the item\n',
    '    indented code\n',
    '> quote\n',
    '| a | b |\n| - | - |\n| 1 | 2 |\n',
    '![img](https://x/?q=1)\n',
    'plain line',
    '<img src=x onerror=alert(1)>\n',
    '  \n',
    '\r\n',
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((parts) => parts.join(''));
  const chunked = text.chain((whole) =>
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, whole.length - 1) }), { maxLength: 30 }).map((cuts) => {
      const points = [0, ...cuts.filter((c) => c < whole.length).sort((a, b) => a - b), whole.length];
      return { whole, chunks: points.slice(1).map((end, i) => whole.slice(points[i], end)) };
    }),
  );

  it('ends equal to the one-shot render of the whole text, whatever the chunks', () => {
    fc.assert(
      fc.property(chunked, ({ whole, chunks }) => {
        assert.equal(streamed(chunks).innerHTML, rendered(whole).innerHTML);
      }),
      { numRuns: 300 },
    );
  });

  it('is inert at every point of a stream', () => {
    fc.assert(
      fc.property(chunked, ({ chunks }) => {
        const root = window.document.createElement('div');
        const stream = new StreamingMarkdown(renderer, root);
        for (const chunk of chunks) {
          stream.append(chunk);
          assertInert(root, chunks.join(''));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps finished blocks and renders again only the last one', () => {
    const calls: string[] = [];
    const counting = {
      ...renderer,
      renderBlock: (markdown: string) => (calls.push(markdown), renderer.renderBlock(markdown)),
    };
    const root = window.document.createElement('div');
    const stream = new StreamingMarkdown(counting, root);
    stream.append('# One\n\nfirst paragraph\n\nsec');
    const first = blocksOf(root)[0];
    stream.append('ond paragraph\n\n```\ncode\n\nstill code');
    stream.append('\n```\n\nlast');
    stream.end();
    assert.equal(blocksOf(root)[0], first, 'the first block is the same node');
    assert.deepEqual(
      blocksOf(root).map((block) => block.textContent?.trim()),
      ['One', 'first paragraph', 'second paragraph', 'Copycode\n\nstill code', 'last'],
    );
    const renderedFinished = calls.filter((markdown) => markdown.startsWith('# One'));
    assert.equal(renderedFinished.length, 1, 'a finished block is rendered once');
    assert.ok(!calls.some((markdown) => markdown.includes('# One') && markdown.includes('second')), 'no full re-parse');
  });

  it('keeps the blocks in groups of sixteen, the streaming last block after them on its own', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const sizes = (root: Element) =>
      [...root.children].map((child) =>
        child.className === 'md-group' ? child.querySelectorAll(':scope > .md-block').length : child.className,
      );
    assert.deepEqual(sizes(rendered(text)), [16, 16, 8]);
    assert.ok([...rendered(text).children].every((child) => child.className === 'md-group'));
    const root = window.document.createElement('div');
    const stream = new StreamingMarkdown(renderer, root);
    stream.append(`${text}\n\nand a last one\n\nstre`);
    // A block is finished once the next one's first line is whole: the last two are the tail for now.
    assert.deepEqual(sizes(root), [16, 16, 8, 'md-block'], 'the 40 finished blocks grouped, then the tail');
    assert.match(root.lastElementChild?.textContent ?? '', /^and a last one\s+stre\s*$/);
    stream.append('aming');
    stream.end();
    assert.deepEqual(sizes(root), [16, 16, 10]);
    assert.equal(root.innerHTML, rendered(`${text}\n\nand a last one\n\nstreaming`).innerHTML);
  });

  it('parses a long reply streamed in small chunks in work proportional to its length, not its square', () => {
    const section = (i: number) =>
      `## Part ${i}\n\nSome text about part ${i} with **bold** and a [link](https://example.com/${i}).\n\n` +
      `- point one\n- point two\n\n\`\`\`ts\nconst part = ${i};\n\nconsole.log(part);\n\`\`\`\n\n`;
    const text = Array.from({ length: 50 }, (_, i) => section(i)).join('');
    let parsed = 0;
    const counting = {
      ...renderer,
      renderBlock: (markdown: string) => ((parsed += markdown.length), renderer.renderBlock(markdown)),
    };
    const root = window.document.createElement('div');
    const stream = new StreamingMarkdown(counting, root);
    for (let i = 0; i < text.length; i += 8) stream.append(text.slice(i, i + 8));
    stream.end();
    // Re-parsing everything on each chunk would be about text.length² / 16 (over 500 times the length here).
    assert.ok(parsed < 20 * text.length, `parsed ${parsed} characters for ${text.length}`);
    assert.equal(root.innerHTML, rendered(text).innerHTML);
  });

  it('with a schedule, draws the first text at once, then the last block once per scheduled call, and all at the end', () => {
    const frames: (() => void)[] = [];
    const calls: string[] = [];
    const counting = {
      ...renderer,
      renderBlock: (markdown: string) => (calls.push(markdown), renderer.renderBlock(markdown)),
    };
    const root = window.document.createElement('div');
    // Like requestAnimationFrame, the schedule refuses to be called as a method of another object.
    const schedule = function (this: unknown, callback: () => void) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      frames.push(callback);
    };
    const stream = new StreamingMarkdown(counting, root, schedule);
    for (const chunk of ['Hel', 'lo ', 'wor', 'ld']) stream.append(chunk);
    assert.equal(frames.length, 1, 'one frame asked for the three chunks after the first');
    assert.equal(root.textContent?.trim(), 'Hel', 'the first chunk is drawn at once');
    frames.shift()!();
    assert.equal(root.textContent?.trim(), 'Hello world');
    stream.append('!\n\nNext');
    stream.end();
    frames.shift()!(); // a frame that fires after the end changes nothing
    assert.equal(root.innerHTML, rendered('Hello world!\n\nNext').innerHTML);
    assert.deepEqual(calls, ['Hel', 'Hello world', 'Hello world!\n\n', 'Next']);
  });

  it('cuts blocks at blank lines outside fences before a line at column 0', () => {
    const blocks = (text: string) => blocksOf(rendered(text)).map((block) => block.textContent?.trim());
    assert.deepEqual(blocks('\n\nFirst\n\n\nSecond\n'), ['First', 'Second'], 'leading blank lines make no block');
    assert.deepEqual(blocks('1. item\n\n   more of the item\n\nAfter'), ['item\nmore of the item', 'After']);
    assert.deepEqual(blocks('~~~\na\n\nb\n~~~~\n\nc'), ['Copya\n\nb', 'c']);
    assert.deepEqual(blocks('~~~ `info`\na\n\nb\n~~~\n\nc'), ['Copya\n\nb', 'c'], 'a tilde fence may have backticks');
    assert.deepEqual(blocks('```a``` b\n\nc'), ['a b', 'c'], 'inline code opens no fence');
  });

  it('renders an unterminated fence mid-stream as code, not as markup', () => {
    const root = streamed(['Here:\n\n```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>'], false);
    assert.equal(
      root.querySelector('pre code')?.textContent,
      '<script>alert(1)</script>\n<img src=x onerror=alert(1)>',
    );
    assertInert(root, 'unterminated fence');
  });
});

describe('rendered markdown actions', () => {
  it('copies a code block, and sends web links to openLink without following them', async () => {
    const root = rendered('```\ncopy me\n```\n\n[site](https://example.com/a)');
    window.document.body.append(root);
    const opened: string[] = [];
    const copied: string[] = [];
    const done = new Promise<void>((resolve) => {
      handleRenderedActions(root, {
        openLink: (url) => opened.push(url),
        copy: (text) => {
          copied.push(text);
          resolve();
          return Promise.resolve();
        },
      });
    });
    root.querySelector<HTMLElement>('[data-copy-code]')!.click();
    await done;
    const click = new window.MouseEvent('click', { bubbles: true, cancelable: true });
    root.querySelector('a')!.dispatchEvent(click);
    assert.deepEqual(copied, ['copy me\n']);
    assert.deepEqual(opened, ['https://example.com/a']);
    assert.equal(click.defaultPrevented, true, 'the webview itself never navigates');
  });
});
