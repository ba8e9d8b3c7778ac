import { describe, expect, it } from 'vitest';
import { datelineAt, isInDateline, opensStory, withoutDateline } from '../../../src/pipeline/enrich/dateline.ts';
import { enrich } from '../../../src/pipeline/enrich/index.ts';

describe('datelines', () => {
  it('reads a dateline on one line: a headline is no place of the "(AP) -" that opens the next line', () => {
    const text = 'FDA proposes calorie counts on menus\n(AP) - It could get harder to indulge in a double cheeseburger.';
    expect(isInDateline(text, 0)).toBe(false);
    // The copy dropped the place; the credit and its dash still open the story.
    const d = datelineAt(text, text.indexOf('(AP)'))!;
    expect(text.slice(d.end)).toMatch(/^It could/);
    expect(text.slice(d.credit!.start, d.credit!.end)).toBe('AP');
    // A no-break space is a space on the line.
    expect(withoutDateline('DUBLIN\u00a0— A policeman was killed on Saturday.')).toBe('A policeman was killed on Saturday.');
  });

  it('tells a first line that opens the story from a headline', () => {
    expect(opensStory('HAYWARD, Calif. (AP) — The Latest on a deadly stabbing on a commuter train (all times local):')).toBe(true);
    expect(opensStory('VIENNA — The house where Adolf Hitler was born will be turned into a police station, the interior minister said.')).toBe(true);
    expect(opensStory('SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.')).toBe(false);
    expect(opensStory('UK - Brexit talks to resume next week')).toBe(false);
    expect(opensStory('Senate votes to raise the minimum wage')).toBe(false);
  });

  it('skips the dateline of a text with no headline in its keyphrases', () => {
    const text = 'HAYWARD, Calif. (AP) — A stabbing on a commuter train killed a passenger on Tuesday, police said.\n\n' +
      'The commuter train was pulling into a station when the fight broke out. Police are looking for the suspect in the stabbing.';
    const e = enrich({ title: '', text });
    expect(e.keyphrases.join(' | ')).toMatch(/commuter train/);
    for (const k of ['Calif', 'HAYWARD', 'Hayward', 'AP']) expect(e.keyphrases).not.toContain(k);
  });
});
