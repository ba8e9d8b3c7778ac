import { describe, expect, it } from 'vitest';
import { enrich } from '../../../../src/pipeline/enrich/index.ts';
import { gazetteer } from '../../../../src/pipeline/enrich/gazetteer.ts';
import { loadModel } from '../../../../src/pipeline/enrich/ner/tagger.ts';
import { nerRules } from '../../../../src/pipeline/enrich/ner/names.ts';
import { isTitleCase, mayNeedTruecasing, shoutedRuns, truecaseWords } from '../../../../src/pipeline/enrich/ner/truecase.ts';

const recase = (s: string) => truecaseWords(s.split(' '), loadModel(), gazetteer()).join(' ');
const names = (text: string) => enrich({ title: 'Report', text }).mentions.filter((m) => ['PER', 'ORG', 'LOC'].includes(m.type)).map((m) => `${m.text}/${m.type}`);

describe('truecasing shouted words', () => {
  it('tells a shouted stretch from a sentence with a few acronyms', () => {
    expect(shoutedRuns('SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .'.split(' ')).every(Boolean)).toBe(true);
    expect(shoutedRuns('NATO and EU officials met UN staff in Brussels .'.split(' ')).some(Boolean)).toBe(false);
    expect(shoutedRuns('US BANS'.split(' ')).some(Boolean)).toBe(false);
    // A headline run into the sentence after it, for want of a full stop.
    expect(shoutedRuns('TALKS STALL IN GENEVA Diplomats said on Monday'.split(' '))).toEqual([true, true, true, true, false, false, false, false]);
  });

  it('recases a shouted headline: places and names capitalised, common words lowered, acronyms kept', () => {
    // Words the tagger's vocabulary lacks ("LUCKY") read as names: only known common words are lowered.
    expect(recase('SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .')).toMatch(/^Soccer - Japan get \w+ win , China in surprise defeat \.$/);
    expect(recase('NATO WARNS SOUTH KOREA AS TALKS RESUME')).toMatch(/^NATO warns South Korea as talks /);
    // "IS" is the verb in a headline, though it also names the Islamic State; "US" stays the country.
    expect(recase('US ENVOY SAYS CEASEFIRE IS HOLDING')).toBe('US envoy says ceasefire is holding');
  });

  it('recases a long shouted word in ordinary text, and leaves acronyms and short words alone', () => {
    expect(recase('BRUSSELS 1996-08-22')).toBe('Brussels 1996-08-22');
    expect(recase('The UNICEF report reached the WTO and IMF on Monday .')).toBe('The UNICEF report reached the WTO and IMF on Monday .');
    expect(recase('Latvian Prime Minister Valdis DOMBROVSKIS said')).toBe('Latvian Prime Minister Valdis Dombrovskis said');
  });

  it('returns the same array when nothing is shouted', () => {
    const words = 'Talks resumed in Geneva on Monday .'.split(' ');
    expect(truecaseWords(words, loadModel(), gazetteer())).toBe(words);
  });

  it('finds the names of a shouted headline and dateline, keeping the text as written', () => {
    const text = 'SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.\nBRUSSELS 1996-08-22\nJapan began the defence of its Asian Cup title on Friday.';
    const found = names(text);
    expect(found).toEqual(expect.arrayContaining(['JAPAN/LOC', 'CHINA/LOC', 'BRUSSELS/LOC']));
    // Shouted common words are not names: "IN" was an organisation before truecasing.
    expect(found.filter((n) => /^(?:SOCCER|GET|LUCKY|WIN|IN|SURPRISE|DEFEAT)\//.test(n))).toEqual([]);
  });

  it('keeps a shouted person name whole and apart from the verb after it', () => {
    const found = names('RUBIO SAYS IRAN MUST STOP ARMING MILITIAS IN IRAQ\nSecretary of State Marco Rubio spoke in Washington on Tuesday.');
    expect(found).toEqual(expect.arrayContaining(['IRAN/LOC', 'IRAQ/LOC']));
    expect(found.some((n) => /SAYS|MUST|STOP|ARMING|MILITIAS/.test(n))).toBe(false);
  });

  it('tells a Title Case headline from a sentence full of names or a list', () => {
    const title = (x: string) => isTitleCase(x.split(' '), loadModel(), gazetteer());
    expect(title('Rubio Says Iran Must Stop Arming Militias in Iraq Ahead of Election')).toBe(true);
    expect(title('Japan Beats China In Asian Cup Opener As Fans Celebrate')).toBe(true);
    expect(title('The European Union Foreign Affairs Council met in Brussels on Monday .')).toBe(false);
    expect(title('Hamilton Field , California , 27 March 1943 ; Debden , England , 4 June 1943 .')).toBe(false);
    expect(title('George W. Bush')).toBe(false);
    expect(title('Latvian Prime Minister Valdis Dombrovskis said')).toBe(false);
  });

  it('lowers the common words of a Title Case headline and keeps its names', () => {
    expect(recase('Rubio Says Iran Must Stop Arming Militias in Iraq')).toMatch(/^Rubio says Iran must stop \w+ militias in Iraq$/);
    // A gazetteer name of several words keeps its capitals.
    expect(recase('Talks With United Arab Emirates Stall Over Oil Prices')).toMatch(/ United Arab Emirates /);
  });

  it('does not make a Title Case headline one long entity or hashtag', () => {
    const e = enrich({ title: 'Rubio Says Iran Must Stop Arming Militias in Iraq Ahead of Election', text: 'Secretary of State Marco Rubio spoke in Washington on Tuesday about Iraq.' });
    const found = e.mentions.filter((m) => ['PER', 'ORG', 'LOC'].includes(m.type)).map((m) => `${m.text}/${m.type}`);
    expect(found).toEqual(expect.arrayContaining(['Rubio/PER', 'Iran/LOC', 'Iraq/LOC']));
    expect(found.some((n) => /Says|Must|Militias|Election/.test(n))).toBe(false);
    expect(e.hashtags.every((h) => h.length < 20)).toBe(true);
  });
});

describe('mayNeedTruecasing', () => {
  // The test as it was written with regexes; mayNeedTruecasing counts by hand and must agree on any text.
  const TITLE_MINOR = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'so', 'yet', 'as', 'at', 'by', 'in', 'of', 'off', 'on', 'per', 'to', 'up', 'via', 'vs', 'v']);
  const reference = (text: string): boolean => {
    if (/\p{Lu}\p{Lu}/u.test(text)) return true;
    const caps = text.match(/(?<!\p{L})\p{Lu}/gu)?.length ?? 0;
    if (caps < 3) return false;
    if (caps >= 0.8 * (text.match(/(?<!\p{L})\p{L}/gu)?.length ?? 0)) return true;
    if (!nerRules.titleMinorWords) return false;
    for (const x of text.matchAll(/(?<![\p{L}\p{N}'’.-])\p{Ll}\p{L}*/gu)) if (!TITLE_MINOR.has(x[0])) return false;
    return true;
  };

  it('agrees with the regex reference on headlines, sentences and any mix of scripts and cases', () => {
    const fixed = ['Rubio Says Iran Must Stop Arming Militias in Iraq', 'SOCCER - JAPAN GET LUCKY WIN', 'The European Union met in Brussels on Monday .',
      'Émile Zola Writes to the Président', 'Ünal Öztürk and Ábel Éva', 'Ἀθῆναι Ὀλυμπία Ἑλλάς', 'Δ Σ Ω in Athens Today', '𝐀𝐁 and 𝐀 b C', 'a\uD835 B C D',
      'İstanbul İzmir Ankara', 'ǅemal ǈubljana ǋ', 'Mr. McCain, Ms. O\'Neil and Dr. DuBois', 'x A-B C’D E.F', '', '   ', 'iPhone Maker Apple Sues Samsung'];
    for (const t of fixed) expect(mayNeedTruecasing(t), t).toBe(reference(t));
    // Random strings over letters of several scripts and cases, digits, marks and punctuation.
    const alphabet = [...'aAbBzZ  .,-\'’1éÉßÿŸİıǅΣσЖжشم\u0301'].concat(['𝐀', '𝐚', 'the', 'of', 'The', 'OF', '\uD835']);
    let seed = 17;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let k = 0; k < 5000; k++) {
      let t = '';
      for (let n = rand(30); n > 0; n--) t += alphabet[rand(alphabet.length)];
      expect(mayNeedTruecasing(t), JSON.stringify(t)).toBe(reference(t));
    }
  });
});
