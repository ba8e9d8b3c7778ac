import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/pipeline/enrich/index.ts';
import { readsAsProse } from '../../../src/pipeline/enrich/summary.ts';

describe('summary lines a reader is shown', () => {
  it('passes over labels, credits, bracketed titles and dashed lines for sentences of prose', () => {
    const text = [
      '13/06/2014 Tony Carter All, Books, Kit Reviews',
      'Tested by: John Milbank RRP: £23.99 More info: www.clymer.co.uk',
      '— John Milbank on Sunday, October 13th, 2019 in a local newspaper',
      'I have worked on my own motorbikes since I was seventeen, but this is my first time with a workshop manual.',
      'The manual covers every model sold in the UK, with wiring diagrams and clear photographs of each job.',
      'Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 Blue.',
      'It costs less than a single hour of a mechanic’s time, and it will pay for itself on the first service.',
    ].join('\n\n');
    const e = enrich({ title: 'Workshop manual review', text });
    expect(e.summary).toEqual([
      'I have worked on my own motorbikes since I was seventeen, but this is my first time with a workshop manual.',
      'The manual covers every model sold in the UK, with wiring diagrams and clear photographs of each job.',
      'It costs less than a single hour of a mechanic’s time, and it will pay for itself on the first service.',
    ]);
  });

  it("never shows a wire sign-off or a byline, even when the article is shorter than the summary", () => {
    const e = enrich({
      title: 'WeWork to cut jobs',
      text: 'By Jane Roe and John Doe\n\nWeWork said on Monday it would cut 2,400 jobs as it seeks to save cash.\n\n' +
        'SoftBank owns most of the company, which has not said where the cuts will fall.\n\n' +
        '(Reporting by Koh Gui Qing and Herb Lash in New York; Editing by Martin Howell and Dan Grebler)',
    });
    expect(e.summary).toEqual([
      'WeWork said on Monday it would cut 2,400 jobs as it seeks to save cash.',
      'SoftBank owns most of the company, which has not said where the cuts will fall.',
    ]);
  });

  it('reads a sentence ending in an emoji, a quote or another script as prose', () => {
    expect(readsAsProse('Visitors left their reviews of the show on KLOOK! 🙂')).toBe(true);
    expect(readsAsProse('The director said: “We will be back next year.”')).toBe(true);
    // An attributed quotation that goes on in the next paragraph is still the writer's sentence.
    expect(readsAsProse('The club said in a statement: "Jose is one of the world\'s most accomplished managers.')).toBe(true);
  });

  it('takes a paragraph of a quotation that runs over paragraphs for no prose: its speaker is elsewhere', () => {
    expect(readsAsProse('"He is renowned for his tactical prowess and has managed FC Porto and Chelsea.')).toBe(false);
    expect(readsAsProse('From now on, companies will need approval of their plans.”')).toBe(false);
    expect(readsAsProse('يستعد الائتلاف الحاكم في العراق لعقد اجتماع طارئ.')).toBe(true);
    expect(readsAsProse('<The Palace: Tale of Jang Noksu>')).toBe(false);
  });
});

describe('readsAsProse, as written with regexes', () => {
  const reference = (text: string): boolean => {
    const t = text.replace(/[\s\p{So}\p{Sk}\p{Emoji_Presentation}\u200d\ufe0f]+$/u, '').trim();
    if (!/^["“‘'(\p{L}\p{N}$€£]/u.test(t)) return false;
    if (!/[.!?…。！？؟]["”’')\]]*$/u.test(t)) return false;
    const count = (re: RegExp) => t.match(re)?.length ?? 0;
    if ((/^["“]/u.test(t) || /["”][.!?…]?$/u.test(t)) && (count(/"/g) % 2 === 1 || count(/“/g) !== count(/”/g))) return false;
    let lower = 0;
    let upper = 0;
    for (const w of t.split(/\s+/)) {
      if (/^["“‘(]?\p{Ll}/u.test(w)) lower++;
      else if (/^["“‘(]?\p{Lu}/u.test(w)) upper++;
    }
    return lower + upper < 4 || lower * 3 >= lower + upper;
  };

  it('agrees on random sentences of words in several scripts and cases, opening quotes and brackets', () => {
    const parts = ['a', 'Z', 'é', 'É', 'ß', 'Σ', 'σ', 'ǅ', 'ش', '1', '"', '“', '‘', '(', "'", '𝐀', '𝐚', '\uD835', '-'];
    let seed = 11;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let k = 0; k < 3000; k++) {
      const words: string[] = [];
      for (let n = 1 + rand(9); n > 0; n--) {
        let w = '';
        for (let m = rand(4); m > 0; m--) w += parts[rand(parts.length)];
        words.push(w);
      }
      const text = `A ${words.join(' ')}.`;
      expect(readsAsProse(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});

describe('a summary in Lede\'s words', () => {
  it('leaves out where each outlet filed from, in the wires\' forms and Al Jazeera\'s', () => {
    const wire = enrich({
      title: 'Power shutoff',
      text: 'SAN FRANCISCO (AP) — Pacific Gas & Electric Co. began shutting off power to some 375,000 people on Wednesday.\n\nThe utility said winds could fling branches into power lines.',
    });
    expect(wire.summary[0]).toBe('Pacific Gas & Electric Co. began shutting off power to some 375,000 people on Wednesday.');
    const aj = enrich({
      title: 'Moon shot',
      text: 'Washington, DC, United States: Getting to the Moon, while not easy, has been done.\n\nStaying on the Moon is another matter, NASA said.',
    });
    expect(aj.summary[0]).toBe('Getting to the Moon, while not easy, has been done.');
    expect(aj.entities.map((e) => e.canonical)).toContain('Washington');
    // A line that opens with words and a colon but no known place keeps them.
    const note = enrich({ title: 'Note', text: 'Editor, Reader: This column answers your letters.\n\nWe read every one.' });
    expect(note.summary[0]).toBe('Editor, Reader: This column answers your letters.');
  });
});
