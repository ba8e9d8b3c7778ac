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
    expect(readsAsProse('“We will be back next year,” the director said.”')).toBe(true);
    expect(readsAsProse('يستعد الائتلاف الحاكم في العراق لعقد اجتماع طارئ.')).toBe(true);
    expect(readsAsProse('<The Palace: Tale of Jang Noksu>')).toBe(false);
  });
});
