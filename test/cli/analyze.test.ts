import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeContent } from '../../src/cli/commands/analyze.ts';

const seedPath = new URL('../../fixtures/seeds/001_03aee5fa6f29c944.txt', import.meta.url).pathname;
const bin = new URL('../../bin/lede.js', import.meta.url).pathname;

describe('lede analyze', () => {
  it('offsets of a .txt input point into the file as read, title line included', () => {
    const content = readFileSync(seedPath, 'utf8');
    const out = analyzeContent(content, 'seed.txt') as { entities: { text: string; start: number; end: number }[]; quotes: { text: string; start: number; end: number }[] };
    expect(out.entities.length).toBeGreaterThan(20);
    for (const m of [...out.entities, ...out.quotes]) expect(content.slice(m.start, m.end)).toBe(m.text);
    // The title line is analysed too: "Iraq" is its first word.
    expect(out.entities[0]).toMatchObject({ text: 'Iraq', start: 0, type: 'LOC' });
  });

  it('offsets of extract JSON are into title + "\\n\\n" + text', () => {
    const page = { title: 'Rubio calls Sudani', text: 'Marco Rubio spoke with Iraqi Prime Minister Mohammed Shia al-Sudani on Monday.', published: '2025-02-03T00:00:00Z' };
    const out = analyzeContent(JSON.stringify(page), 'page.json') as { entities: { text: string; start: number; end: number; canonical: string }[] };
    const doc = `${page.title}\n\n${page.text}`;
    for (const m of out.entities) expect(doc.slice(m.start, m.end)).toBe(m.text);
    expect(out.entities.find((m) => m.text === 'Sudani')?.canonical).toBe('Mohammed Shia al-Sudani');
  });

  it('gives the same keyphrases and hashtags as the enrich function the ingest calls, noun phrases first', async () => {
    const { enrich } = await import('../../src/pipeline/enrich/index.ts');
    const page = { title: 'Iraq’s Ruling Coalition to Discuss US Warnings', text: readFileSync(seedPath, 'utf8') };
    const out = analyzeContent(JSON.stringify(page), 'page.json') as { keyphrases: string[]; hashtags: string[] };
    const direct = enrich(page);
    expect(out.keyphrases).toEqual(direct.keyphrases);
    expect(out.hashtags).toEqual(direct.hashtags);
    expect(out.keyphrases.some((k) => k.split(' ').length >= 2)).toBe(true);
    expect(out.hashtags).not.toContain('#DiscussUS');
  });

  it('reads a text whose first line is a wire dateline and its first sentence as a story with no headline', () => {
    const story = 'WASHINGTON (AP) _ The Senate voted on Tuesday to raise the minimum wage, sending the measure to President Bush.\n\n' +
      'Senator Edward Kennedy said the vote was long overdue. The House passed its own version in May.\n';
    const out = analyzeContent(story, 'ap.txt') as { keyphrases: string[]; entities: { text: string }[] };
    // The story itself is read, its dateline skipped: the filing place is no keyphrase.
    expect(out.keyphrases.join(' ')).toMatch(/minimum wage/i);
    expect(out.keyphrases.map((k) => k.toLowerCase())).not.toContain('washington');
    // A headline over the story, or a shouted slug, is still the title.
    const headed = analyzeContent(`Senate votes to raise minimum wage\n\n${story}`, 'headed.txt') as { keyphrases: string[] };
    expect(headed.keyphrases.map((k) => k.toLowerCase())).not.toContain('washington');
    const slug = analyzeContent('SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.\n\nAL-AIN, United Arab Emirates 1996-12-06\n\nJapan began the defence of their Asian Cup title with a lucky 2-1 win against Syria.\n', 'slug.txt') as { entities: { text: string; start: number }[] };
    expect(slug.entities.find((m) => m.text === 'JAPAN')?.start).toBe(9);
  });

  it('prints one JSON line per input with --jsonl and goes on after a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lede-analyze-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"title": 1');
    const r = spawnSync(process.execPath, [bin, 'analyze', '--jsonl', '--summary-sentences', '2', seedPath, bad, join(dir, 'missing.txt')], { encoding: 'utf8' });
    expect(r.status).toBe(0); // 1 only when every input failed, as for lede extract
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].summary).toHaveLength(2);
    expect(lines[0].hashtags).toContain('#Iraq');
    expect(Object.keys(lines[0])).toEqual(expect.arrayContaining(['input', 'language', 'hashtags', 'keyphrases', 'entities', 'facts', 'quotes', 'summary']));
    expect(lines[1]).toMatchObject({ input: bad, error: expect.stringMatching(/JSON/) });
    expect(lines[2].error).toMatch(/ENOENT|no such file/);
  });

  it('reads the JSON lines of lede extract --jsonl, one result per line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lede-analyze-'));
    const file = join(dir, 'pages.jsonl');
    writeFileSync(file, [
      JSON.stringify({ input: 'a.html', title: 'Macron in Rome', text: 'French President Emmanuel Macron met Giorgia Meloni in Rome.' }),
      JSON.stringify({ input: 'b.html', error: 'extract_failed: empty page' }),
    ].join('\n') + '\n');
    const r = spawnSync(process.execPath, [bin, 'analyze', '--jsonl', file], { encoding: 'utf8' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input)).toEqual([`${file}#1`, `${file}#2`]);
    expect(lines[0].entities.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Giorgia Meloni', 'Rome']));
    expect(lines[1].error).toMatch(/empty page/);
    expect(r.status).toBe(0);
    const bad = spawnSync(process.execPath, [bin, 'analyze', join(dir, 'missing.txt')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
  });

  it('reads standard input with -', () => {
    const out = execFileSync(process.execPath, [bin, 'analyze', '-'], { input: 'Talks in Paris\nPresident Emmanuel Macron said on Friday that France would send 300 soldiers.\n', encoding: 'utf8' });
    const o = JSON.parse(out);
    expect(o.input).toBe('-');
    expect(o.entities.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['Paris', 'Emmanuel Macron', 'France']));
    expect(o.facts.find((f: { unit: string }) => f.unit === 'soldiers')?.value).toBe(300);
  });
});
