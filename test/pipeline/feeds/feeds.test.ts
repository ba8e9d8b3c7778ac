import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/domain/errors.ts';
import { parseFeed } from '../../../src/pipeline/feeds/index.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

function invalid(fn: () => unknown): LedeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LedeError);
    expect((e as LedeError).code).toBe('feed_invalid');
    return e as LedeError;
  }
  throw new Error('expected feed_invalid');
}

describe('feeds: formats into one Item shape', () => {
  it('RSS 2.0 with content:encoded, media, enclosures, authors, categories and relative links', () => {
    const f = parseFeed(fixture('rss2.xml'), { url: 'https://gazette.example/feed.xml', contentType: 'application/rss+xml' });
    expect(f).toMatchObject({ format: 'rss', title: 'The Harbour Gazette & Courier', homeUrl: 'https://gazette.example/', language: 'en-gb' });
    expect(f.items).toHaveLength(3);
    const [terminal, storm, festival] = f.items;
    expect(terminal).toMatchObject({
      guid: 'gazette-4411',
      url: 'https://gazette.example/2024/03/ferry-terminal',
      title: 'Council approves new ferry terminal',
      summary: 'The council voted 7–2 in favour.',
      authors: ['Maria Alvarez'],
      categories: ['Transport', 'Council'],
      published: '2024-03-05T09:30:00.000Z',
      image: 'https://cdn.gazette.example/terminal-1200.jpg',
    });
    // Content is sanitised (no script, no handlers) and its relative URLs made absolute.
    expect(terminal.contentHtml).toContain('<b>7–2</b>');
    expect(terminal.contentHtml).toContain('src="https://gazette.example/img/terminal.jpg"');
    expect(terminal.contentHtml).not.toMatch(/script|onclick|track\(\)/);
    expect(storm).toMatchObject({
      guid: 'https://gazette.example/2024/03/storm',
      authors: ['Tom Reyes'],
      published: '2024-03-06T17:05:00.000Z',
      image: 'https://cdn.gazette.example/storm.jpg',
      summary: 'Gusts of up to 110 km/h are expected & ferries may be cancelled.',
    });
    // No <link>: a permalink guid is the URL. Sloppy RFC 850-style date with a named zone.
    expect(festival).toMatchObject({ url: 'https://gazette.example/2024/03/festival', published: '2024-03-07T13:00:00.000Z', image: null, authors: [] });
  });

  it('RSS 0.91 (ISO-8859-1 declared, ASCII content)', () => {
    const f = parseFeed(fixture('rss091.xml'));
    expect(f.format).toBe('rss');
    expect(f.title).toBe('Old Wire');
    expect(f.items.map((i) => [i.title, i.url, i.summary])).toEqual([
      ['First story', 'http://oldwire.example/stories/1.html', 'Short teaser text.'],
      ['Second story', 'http://oldwire.example/stories/2.html', null],
    ]);
  });

  it('RSS 0.90 (Netscape RDF) and RSS 0.92 with an image enclosure', () => {
    const v090 = parseFeed('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link><description>site</description></channel><item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item></rdf:RDF>');
    expect(v090).toMatchObject({ format: 'rdf', title: 'Mozilla Dot Org', homeUrl: 'http://www.mozilla.org/' });
    expect(v090.items[0]).toMatchObject({ title: 'New Status Updates', url: 'http://www.mozilla.org/status/' });
    const v092 = parseFeed('<rss version="0.92"><channel><title>Radio</title><link>http://radio.example/</link><item><title>Show</title><link>/show/1</link><enclosure url="/covers/1.png" length="10" type="image/png"/></item></channel></rss>');
    expect(v092.items[0]).toMatchObject({ url: 'http://radio.example/show/1', image: 'http://radio.example/covers/1.png' });
  });

  it('RSS 0.91 with the Netscape DOCTYPE and HTML entities', () => {
    const f = parseFeed(`<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf&eacute; &amp; Co &#8212; news</title><link>http://c.example/</link><item><title>R&eacute;sum&eacute;s</title><link>http://c.example/1</link></item></channel></rss>`);
    expect(f.title).toBe('Café & Co — news');
    expect(f.items[0].title).toBe('Résumés');
  });

  it('falls back to the first real image in the content, skipping tracking pixels', () => {
    const f = parseFeed(`<rss version="2.0"><channel><title>T</title><link>https://img.example/</link>
      <item><title>a</title><link>/a</link><description><![CDATA[<img src="/pixel.gif" width="1" height="1"><p>Text</p><img src="/photos/a.jpg?w=800&amp;h=600" alt="A">]]></description></item>
      <item><title>b</title><link>/b</link><description>No picture</description></item></channel></rss>`);
    expect(f.items.map((i) => i.image)).toEqual(['https://img.example/photos/a.jpg?w=800&h=600', null]);
  });

  it('RSS 1.0 (RDF) with Dublin Core', () => {
    const f = parseFeed(fixture('rss1-rdf.xml'));
    expect(f).toMatchObject({ format: 'rdf', title: 'Science Desk', homeUrl: 'https://science.example/' });
    expect(f.items[0]).toMatchObject({
      guid: 'https://science.example/a/comet',
      url: 'https://science.example/a/comet',
      authors: ['Ines Kowalski'],
      published: '2024-04-01T18:15:00.000Z',
      categories: ['Astronomy'],
      summary: 'Look west after sunset.',
    });
    expect(f.items[1].contentHtml).toBe('<p>A ten-year study finds <em>rapid</em> regrowth.</p>');
    expect(f.items[1].published).toBe('2024-04-02T00:00:00.000Z');
  });

  it('Atom 1.0 with xml:base, text constructs, several authors, enclosure image', () => {
    const f = parseFeed(fixture('atom.xml'), { url: 'https://tech.example/blog/atom.xml' });
    expect(f).toMatchObject({ format: 'atom', title: 'Tech & Policy', homeUrl: 'https://tech.example/blog/' });
    const [fine, plain] = f.items;
    expect(fine).toMatchObject({
      guid: 'tag:tech.example,2024:chip-fine',
      url: 'https://tech.example/blog/posts/chip-fine',
      title: 'Regulators fine chipmaker',
      summary: 'The fine is the largest of its kind.',
      authors: ['Lee Chen', 'Ana Ruiz'],
      categories: ['Regulation', 'chips'],
      published: '2024-05-01T12:00:00.000Z',
      updated: '2024-05-01T14:30:00.000Z',
      image: 'https://tech.example/media/chip.png',
    });
    expect(fine.contentHtml).toContain('<strong>largest</strong>');
    expect(fine.contentHtml).toContain('href="https://tech.example/blog/docs/ruling.pdf"');
    // type="text": markup-looking text stays text; content becomes escaped paragraphs; feed author inherited.
    expect(plain.title).toBe('Plain text title with <tags> shown as text');
    expect(plain.contentHtml).toBe('<p>First paragraph.</p>\n<p>Second paragraph &amp; more.</p>');
    expect(plain.authors).toEqual(['Desk Editor']);
    expect(plain.published).toBe('2024-05-02T12:00:00.000Z');
  });

  it('JSON Feed 1.1', () => {
    const f = parseFeed(fixture('jsonfeed-1.1.json'), { url: 'https://metro.example/feed.json', contentType: 'application/feed+json' });
    expect(f).toMatchObject({ format: 'json', title: 'Metro Daily', homeUrl: 'https://metro.example/' });
    const [bridge, library] = f.items;
    expect(bridge).toMatchObject({
      guid: 'metro-1001',
      summary: 'The bridge was closed for six months.',
      authors: ['Sam Okafor'],
      categories: ['traffic', 'city'],
      published: '2024-06-03T05:00:00.000Z',
      updated: '2024-06-03T07:15:00.000Z',
      image: 'https://metro.example/images/bridge.jpg',
    });
    expect(bridge.contentHtml).toBe('<p>Traffic resumed on <b>Monday</b>.</p>');
    expect(library).toMatchObject({
      guid: '1002',
      url: 'https://metro.example/news/library',
      authors: ['Metro Staff'],
      contentHtml: '<p>Open until 10 pm.</p>\n<p>From next week.</p>',
      summary: 'Open until 10 pm. From next week.',
      image: 'https://metro.example/images/library.webp',
    });
  });

  it('JSON Feed 1.0 (single author object)', () => {
    const f = parseFeed(fixture('jsonfeed-1.0.json'));
    expect(f.items[0]).toMatchObject({ guid: 'a1', authors: ['Pat Doe'], published: '2019-01-02T03:04:05.000Z', contentHtml: '<p>Text one.</p>' });
  });
});

describe('feeds: charsets', () => {
  const arabicTitle = 'ارتفاع أسعار النفط بعد قرار أوبك';
  it('Windows-1256 Arabic: declared in XML, in HTTP only, undeclared, and wrongly declared as UTF-8', () => {
    expect(parseFeed(fixture('arabic-windows-1256.xml')).items[0].title).toBe(arabicTitle);
    expect(parseFeed(fixture('arabic-windows-1256-undeclared.xml'), { contentType: 'application/rss+xml; charset=windows-1256' }).items[0].title).toBe(arabicTitle);
    const undeclared = parseFeed(fixture('arabic-windows-1256-undeclared.xml'));
    expect(undeclared.title).toBe('أخبار الخليج');
    expect(undeclared.language).toBe('ar');
    expect(undeclared.items[0].summary).toBe('قالت مصادر إن الأسعار ارتفعت بنسبة 3% يوم الاثنين.');
    expect(parseFeed(fixture('arabic-windows-1256-says-utf8.xml')).items[0].title).toBe(arabicTitle);
    // The HTTP header wins over a wrong XML declaration.
    expect(parseFeed(fixture('arabic-windows-1256-says-utf8.xml'), { contentType: 'text/xml; charset=windows-1256' }).items[0].title).toBe(arabicTitle);
  });

  it('ISO-8859-1 declared, ISO-8859-1 mislabelled as UTF-8, UTF-8 mislabelled as ISO-8859-1, and a BOM', () => {
    for (const [name, ct] of [['latin1.xml', null], ['latin1-says-utf8.xml', null], ['latin1-says-utf8.xml', 'text/xml; charset=utf-8'], ['utf8-says-latin1.xml', null], ['utf8-says-latin1.xml', 'application/xml; charset=iso-8859-1'], ['utf8-bom.xml', 'text/xml; charset=windows-1252']] as const) {
      const f = parseFeed(fixture(name), { contentType: ct });
      expect(f.title, name).toBe('Le Café du Marché');
      expect(f.items[0].title, name).toBe('Crème brûlée à la une');
      expect(f.items[0].summary, name).toBe('Déjà vu, naïveté, garçon - ½ prix.');
    }
  });
});

describe('feeds: hostile and broken input', () => {
  it('never expands external entities (file and http SYSTEM, parameter entities, PUBLIC DTDs)', () => {
    const f = parseFeed(fixture('xxe-file.xml'));
    const all = JSON.stringify(f);
    expect(all).not.toContain('root:');
    expect(f.items[0].title).toBe('Item &xxe; &remote;');
    expect(f.items[0].url).toBe('https://victim.example/1');
    const pub = parseFeed(fixture('xxe-public.xml'));
    expect(pub.items[0].title).toBe('Still parsed & fine');
  });

  it('keeps billion-laughs and quadratic blow-up payloads inert, in bounded time and memory', () => {
    for (const name of ['billion-laughs.xml', 'quadratic-blowup.xml']) {
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const f = parseFeed(fixture(name));
      expect(performance.now() - t0, name).toBeLessThan(2000);
      expect(process.memoryUsage().heapUsed - before, name).toBeLessThan(64 * 1024 * 1024);
      expect(JSON.stringify(f).length, name).toBeLessThan(300_000);
    }
    expect(parseFeed(fixture('billion-laughs.xml')).items[0].title).toBe('Laugh &lol9;');
  });

  it('keeps the complete items of a truncated feed', () => {
    const f = parseFeed(fixture('truncated.xml'));
    expect(f.title).toBe('Cut Off News');
    expect(f.items.map((i) => i.title)).toEqual(['Complete story one', 'Complete story two']);
    expect(f.items[0].published).toBe('2024-07-01T10:00:00.000Z');
    expect(f.partial).toMatch(/kept 2 entries/);
  });

  it('skips one malformed entry and keeps the others', () => {
    const f = parseFeed(fixture('malformed-entry.xml'));
    expect(f.items.map((i) => i.guid)).toEqual(['ok-1', 'ok-2']);
  });

  it('salvages a large feed with one bad entry and a cut-off end in bounded time', () => {
    const items = Array.from({ length: 800 }, (_, i) => (i === 400 ? '<item><title>broken<link>https://big.example/x</link></item>' : `<item><title>Story ${i}</title><link>https://big.example/${i}</link><description>${'words '.repeat(50)}</description></item>`));
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('\n')}<item><title>cut`;
    const t0 = performance.now();
    const f = parseFeed(xml);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(f.items).toHaveLength(799);
    expect(f.items.some((i) => i.url === 'https://big.example/x')).toBe(false);
  });

  it('keeps the complete items of a truncated JSON Feed', () => {
    const text = fixture('jsonfeed-1.1.json').toString('utf8');
    const cut = text.slice(0, text.indexOf('"Library extends'));
    const f = parseFeed(cut);
    expect(f.items.map((i) => i.guid)).toEqual(['metro-1001']);
    expect(f.partial).toBeTruthy();
  });

  it('rejects what is not a feed with feed_invalid and a reason', () => {
    expect(invalid(() => parseFeed(fixture('not-a-feed.html'))).message).toMatch(/HTML page/);
    invalid(() => parseFeed(''));
    invalid(() => parseFeed('   \n'));
    invalid(() => parseFeed('{"hello": "world"}'));
    invalid(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "title": '));
    invalid(() => parseFeed('<rss version="2.0"><channel><title>x'));
    invalid(() => parseFeed('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "never closed'));
    invalid(() => parseFeed(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41])));
    invalid(() => parseFeed('<note><to>Tove</to></note>'));
  });

  it('survives random corruption of real feeds without crashing', () => {
    const sources = ['rss2.xml', 'atom.xml', 'rss1-rdf.xml', 'jsonfeed-1.1.json'].map((n) => fixture(n));
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 200; i++) {
      const src = Buffer.from(sources[i % sources.length]);
      for (let k = 0; k < 5; k++) src[Math.floor(rand() * src.length)] = Math.floor(rand() * 256);
      const cut = src.subarray(0, Math.floor(src.length * (0.3 + rand() * 0.7)));
      try {
        const f = parseFeed(cut);
        expect(Array.isArray(f.items)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(LedeError);
        expect((e as LedeError).code).toBe('feed_invalid');
      }
    }
  });
});
