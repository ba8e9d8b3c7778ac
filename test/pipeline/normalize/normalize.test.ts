import { describe, expect, it } from 'vitest';
import { foldTypography, normalizeText, splitSentences, tokenize, detectLanguage, settleLanguage, words } from '../../../src/pipeline/normalize/index.ts';

describe('normalize', () => {
  it('folds curly quotes and dashes for comparison', () => {
    expect(foldTypography('\u201CIt\u2019s over\u201D \u2014 he said\u2026')).toBe('"It\'s over" - he said...');
  });

  it('splits sentences without breaking on abbreviations, initials or decimals', () => {
    const text = 'Mr. Smith met U.S. officials in Washington. Growth was 3.5 percent. "We will act," he said. Then he left!';
    const s = splitSentences(text).map((x) => x.text);
    expect(s).toEqual([
      'Mr. Smith met U.S. officials in Washington.',
      'Growth was 3.5 percent.',
      '"We will act," he said.',
      'Then he left!',
    ]);
  });

  it('does not end a sentence at an abbreviation inside a name in capitals ("the ID. SPACE VIZZION"), but does before an acronym opening the next', () => {
    const text = 'Whatever the definition, VW says that while the ID. SPACE VIZZION may only be a concept today, it is weighing a production version. The car is large.';
    expect(splitSentences(text).map((x) => x.text)).toEqual([
      'Whatever the definition, VW says that while the ID. SPACE VIZZION may only be a concept today, it is weighing a production version.',
      'The car is large.',
    ]);
    expect(splitSentences('He moved to Boise, ID. The company followed him.')).toHaveLength(2);
    expect(splitSentences('Officials at the FBI. NASA said nothing.')).toHaveLength(2);
    expect(splitSentences('BREAKING NEWS FROM THE UN. NATO SAYS NO.')).toHaveLength(2);
  });

  it('keeps sentence offsets valid in the input', () => {
    const text = 'First one here.  Second one there.\n\nThird paragraph.';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('tokenizes words with offsets', () => {
    const t = tokenize("al-Sudani's visit, 2,500 troops");
    expect(t.map((x) => x.text)).toEqual(["al-Sudani's", 'visit', '2', '500', 'troops']);
  });

  it('compares words whole: a Turkish dotted İ is an i, combining marks stay inside their word', () => {
    expect(words('İzmir and ISTANBUL')).toEqual(['izmir', 'and', 'istanbul']);
    expect(words('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']); // vowel signs are marks: a word is not cut at each
    expect(words('العِراق')).toEqual(['العِراق']);
  });

  it('finds the words the regular expression it stands for finds, in any script', () => {
    // words() scans code points by class; this is the expression it replaced.
    const byRegex = (text: string): string[] =>
      [...text.normalize('NFKC').replace(/\u0130/g, 'I').toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)].map((m) => m[0]);
    // Letters, digits and marks of several scripts, astral letters (𝐀, 𠀋), emoji, lone surrogates, punctuation.
    const pieces = ['a', 'Z', '9', 'é', 'e\u0301', 'İ', 'ß', 'ﬁ', '٣', 'ع', 'ِ', 'न', 'ि', '中', '𝐀', '𠀋', '😀', '\ud800', '\udc00',
      ' ', '-', "'", '’', '.', ',', '\u200b', '\u00ad', 'Ⅻ', '²', '\u0300', '\n'];
    let seed = 17;
    const next = (n: number): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    for (let k = 0; k < 2000; k++) {
      let text = '';
      for (let i = next(40); i > 0; i--) text += pieces[next(pieces.length)];
      expect(words(text), JSON.stringify(text)).toEqual(byRegex(text));
    }
  });

  it('cleans whitespace and detects language', () => {
    const n = normalizeText('  The  government   said on Monday that it would raise taxes.\n\n\n\nOfficials declined to comment on the plan. ');
    expect(n.text).toBe('The government said on Monday that it would raise taxes.\n\nOfficials declined to comment on the plan.');
    expect(n.paragraphs).toHaveLength(2);
    expect(n.language).toBe('en');
    expect(detectLanguage('Le gouvernement a annoncé lundi une hausse des impôts pour les ménages les plus riches.')).toBe('fr');
  });
});

describe('a dateline with a state\'s abbreviation', () => {
  it('is no sentence of its own: "PORTLAND, Ore. (AP) — Crews …" is one sentence, "Portland, Ore. He …" two', () => {
    const texts = (t: string) => splitSentences(t).map((s) => s.text);
    expect(texts('PORTLAND, Ore. (AP) — Crews fought the fire on Sunday. It spread.')).toEqual(['PORTLAND, Ore. (AP) — Crews fought the fire on Sunday.', 'It spread.']);
    expect(texts('He moved to Portland, Ore. He liked it.')).toEqual(['He moved to Portland, Ore.', 'He liked it.']);
  });
});

describe('settleLanguage', () => {
  const german = 'Am 12. bis 13. September startet wieder die DMEXCO in Köln, und wir sind mit dabei. Dieses Jahr erwartet die Messe mehr als 40.000 Besucher aus der ganzen Welt, die sich über neue Technologien, Geschäftsmodelle und Trends der digitalen Wirtschaft informieren wollen. Vereinbaren Sie gerne einen Termin mit unserem Team am Stand.';
  const english = 'The house where the dictator was born will be turned into a police station, the interior minister said on Tuesday, after years of debate over how best to prevent it from becoming a pilgrimage site. Architects from across the European Union will be invited to submit plans for the redesign of the building this month.';

  it('keeps what a page declares unless its text plainly says otherwise', () => {
    expect(settleLanguage('en', german)).toBe('de'); // a theme's lang="en" over German text
    expect(settleLanguage('en-US', english)).toBe('en-US');
    expect(settleLanguage('de', english)).toBe('en');
    expect(settleLanguage('de', german)).toBe('de');
    expect(settleLanguage('en', 'Dieses Jahr in Köln.')).toBe('en'); // too short to overrule
    expect(settleLanguage(null, german)).toBe('de');
  });
});
