import { describe, expect, it } from 'vitest';
import { caseRegime } from '../../../../src/pipeline/enrich/ner/features.ts';

describe('caseRegime', () => {
  // As it was written with regexes; caseRegime reads ASCII words by hand and must agree on any words.
  const reference = (words: readonly string[]): string => {
    let letters = 0, upper = 0, cap = 0;
    for (const w of words) {
      if (!/^\p{L}/u.test(w)) continue;
      letters++;
      if (w.length > 1 && !/\p{Ll}/u.test(w)) upper++;
      else if (/^\p{Lu}/u.test(w)) cap++;
    }
    if (letters < 3) return '';
    if (upper >= 0.6 * letters) return 'U';
    if (upper + cap >= 0.6 * letters) return 'T';
    return upper + cap === 0 ? 'L' : '';
  };

  it('reads shouted, Title Case and lower-case sentences', () => {
    expect(caseRegime('SOCCER - JAPAN GET LUCKY WIN'.split(' '))).toBe('U');
    expect(caseRegime('Rubio Says Iran Must Stop'.split(' '))).toBe('T');
    expect(caseRegime('the talks went on'.split(' '))).toBe('L');
    expect(caseRegime('The talks went on in Geneva'.split(' '))).toBe('');
  });

  it('agrees with the regex form on random words of several scripts and cases', () => {
    const parts = ['a', 'b', 'Z', 'Q', 'É', 'é', 'ß', 'Σ', 'σ', 'ǅ', 'ش', '1', '-', "'", '.', '𝐀', '𝐚', 'I', 'US', 'x'];
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let k = 0; k < 5000; k++) {
      const words: string[] = [];
      for (let n = rand(8); n > 0; n--) {
        let w = '';
        for (let m = rand(4); m > 0; m--) w += parts[rand(parts.length)];
        words.push(w);
      }
      expect(caseRegime(words), JSON.stringify(words)).toBe(reference(words));
    }
  });
});
