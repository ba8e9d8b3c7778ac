// Comment bodies and search highlights: what readers write is shown as written, never as markup.
import { describe, expect, it } from 'vitest';
import { renderCommentBody, safeHighlight } from '../../src/web/text.ts';
import { articleCard } from '../../src/web/views/parts.ts';
import { bodyHtml } from '../../src/web/pages/article.ts';

describe('renderCommentBody', () => {
  it('escapes markup and auto-links URLs with nofollow ugc, leaving sentence punctuation outside', () => {
    const out = renderCommentBody('<img src=x onerror=alert(1)> see (https://en.wikipedia.org/wiki/Iraq_(disambiguation)), or www.example.org!');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('<a href="https://en.wikipedia.org/wiki/Iraq_(disambiguation)" rel="nofollow ugc noopener" target="_blank">https://en.wikipedia.org/wiki/Iraq_(disambiguation)</a>),');
    expect(out).toContain('<a href="https://www.example.org" rel="nofollow ugc noopener" target="_blank">www.example.org</a>!');
  });

  it('never links javascript: or quotes out of an attribute', () => {
    const out = renderCommentBody('javascript:alert(1) https://x.example/"onmouseover="alert(1)');
    expect(out).not.toContain('href="javascript');
    expect(out).not.toMatch(/href="[^"]*"onmouseover/);
  });

  it('keeps paragraphs and line breaks', () => {
    expect(renderCommentBody('one\ntwo\n\nthree')).toBe('<p>one<br>two</p><p>three</p>');
  });
});

describe('safeHighlight', () => {
  it('keeps <mark> and escapes everything else', () => {
    expect(safeHighlight('a &lt;b&gt; <mark>Iran</mark> <script>x</script>')).toBe('a &lt;b&gt; <mark>Iran</mark> &lt;script&gt;x&lt;/script&gt;');
  });
});

describe('bodyHtml', () => {
  it('sanitises stored article HTML again on the way out', () => {
    const out = bodyHtml({ html: '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">link</a><iframe src="https://evil.example"></iframe></p>', text: 'Hi', lede: 'Hi' });
    expect(out).not.toMatch(/script|onclick|javascript:|iframe/);
    expect(out).toContain('<p>Hi');
  });

  it('does not repeat a lede the HTML holds with other markup and spacing', () => {
    const html = '<p><strong>Washington, DC, United States</strong>: Getting to the Moon, while not easy, has been done. Staying there&#8217;s harder.</p>\n<p>More.</p>';
    const out = bodyHtml({ html, text: 'x', lede: 'Washington, DC, United States: Getting to the Moon, while not easy, has been done. Staying there’s harder.' });
    expect(out.match(/Getting to the Moon/g)).toHaveLength(1);
  });

  it('puts back a lede the stored HTML lacks', () => {
    const out = bodyHtml({ html: '<p>Second paragraph.</p>', text: 'Second paragraph.', lede: 'The lede paragraph.' });
    expect(out.indexOf('The lede paragraph.')).toBeLessThan(out.indexOf('Second paragraph.'));
  });
});

describe('article cards', () => {
  it("show the story's first words, not the wire dateline the outlet line already credits", () => {
    const card = (snippet: string) => String(articleCard({
      id: 1 as never, storyId: null, title: 'UK Tories under fire for Twitter name switch', outlet: 'AP', url: null, published: null,
      firstSeen: '2026-12-01T10:00:00Z' as never, snippet, image: null, outletCount: 1,
    }, new Date('2026-12-01T12:00:00Z')));
    const html = card("LONDON (AP) — Britain's Conservative Party was accused Wednesday of trying to deceive voters.");
    expect(html).toMatch(/<p class="snippet" dir="auto">Britain(&#39;|')s Conservative Party/);
    expect(html).not.toContain('LONDON (AP)');
    // A snippet with no dateline is shown as it is.
    expect(card('Crossovers may have become the vehicle of choice.')).toContain('>Crossovers may have become');
  });
});
