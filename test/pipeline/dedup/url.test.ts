import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../../src/pipeline/dedup/index.ts';

describe('canonicalizeUrl', () => {
  const table: [string, string][] = [
    ['https://example.com/news/story?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://example.com/news/story'],
    ['http://example.com/news/story', 'https://example.com/news/story'],
    ['https://www.example.com/news/story/', 'https://example.com/news/story'],
    ['https://example.com/news/story#comments', 'https://example.com/news/story'],
    ['https://example.com/news/story?fbclid=IwAR0abc', 'https://example.com/news/story'],
    ['https://example.com/news/story?gclid=1&msclkid=2&mc_eid=3', 'https://example.com/news/story'],
    ['https://example.com/news/story/amp', 'https://example.com/news/story'],
    ['https://example.com/news/story/amp/', 'https://example.com/news/story'],
    ['https://example.com/news/story?amp', 'https://example.com/news/story'],
    ['https://example.com/news/story?amp=1', 'https://example.com/news/story'],
    ['https://amp.example.com/news/story', 'https://example.com/news/story'],
    ['https://example.com/news/story.amp.html', 'https://example.com/news/story.html'],
    ['https://m.example.com/news/story', 'https://example.com/news/story'],
    ['HTTPS://EXAMPLE.COM:443/news/story', 'https://example.com/news/story'],
    ['https://example.com/article?id=42&utm_term=a', 'https://example.com/article?id=42'],
    ['https://example.com/article?b=2&a=1', 'https://example.com/article?a=1&b=2'],
    ['https://example.com:8080/a/', 'https://example.com:8080/a'],
    ['https://example.com/', 'https://example.com/'],
  ];
  it.each(table)('%s → %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('keeps parameters that choose the page', () => {
    expect(canonicalizeUrl('https://example.com/view?story=7&page=2')).toBe('https://example.com/view?page=2&story=7');
    expect(canonicalizeUrl('https://example.com/a?id=1')).not.toBe(canonicalizeUrl('https://example.com/a?id=2'));
  });

  it('prefers rel=canonical, resolving a relative one against the page', () => {
    expect(canonicalizeUrl('https://example.com/amp/story-1?utm_source=x', '/news/story-1')).toBe('https://example.com/news/story-1');
    expect(canonicalizeUrl('https://aggregator.example/p/9', 'https://publisher.example/news/9/')).toBe('https://publisher.example/news/9');
  });

  it('ignores an unusable rel=canonical and refuses non-web URLs', () => {
    expect(canonicalizeUrl('https://example.com/a', 'javascript:alert(1)')).toBe('https://example.com/a');
    expect(canonicalizeUrl('mailto:a@example.com')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
  });
});
