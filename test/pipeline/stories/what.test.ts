// A join on place names alone (stories/what.ts): two short reports of different events in one country
// are two stories, in memory and over the store; two reports of one event, headlined differently, are one.
import { afterEach, describe, expect, it } from 'vitest';
import { StoryClusterer } from '../../../src/pipeline/stories/streams.ts';
import { placeVersion } from '../../../src/pipeline/stories/index.ts';
import { openStore } from '../../../src/store/index.ts';
import type { Repository } from '../../../src/store/repository.ts';
import { newVersion } from './helpers.ts';

const RATE = {
  title: "Pakistan's central bank holds interest rate at 12 percent",
  text: 'The State Bank of Pakistan held its key rate at 12 percent on Monday, the bank said in Karachi. Analysts had expected a cut.',
};
// Another event in the same country and city, a day later.
const ARRESTS = {
  title: 'Pakistan police arrest dozens after protests in Karachi',
  text: "Police in Karachi arrested dozens of people on Tuesday after protests over power cuts, Pakistan's interior ministry said.",
};
// The same decision as RATE, told with other words.
const RATE_AGAIN = {
  title: 'State Bank of Pakistan keeps policy rate unchanged',
  text: "Pakistan's central bank kept its policy rate unchanged at 12 percent on Monday, defying analysts who expected a cut.",
};
const SIGNED = {
  title: "Kenya's president signs finance bill into law",
  text: "Kenya's President William Ruto signed the finance bill into law in Nairobi on Tuesday, the presidency said. The bill raises taxes on mobile money transfers.",
};
const SIGNED_AGAIN = {
  title: 'Ruto approves tax measures in new budget law',
  text: 'Kenyan President William Ruto approved the finance law on Tuesday, raising taxes on mobile money transfers, his office said in Nairobi.',
};

const t0 = Date.parse('2025-04-07T08:00:00Z');
const hours = (h: number) => t0 + h * 3600_000;

describe('a join resting on place names', () => {
  it('in memory: a report of another event in the same city starts its own story; the same event retold joins', async () => {
    const c = new StoryClusterer();
    const rate = await c.place({ ...RATE, published: hours(0) });
    const arrests = await c.place({ ...ARRESTS, published: hours(20) });
    const again = await c.place({ ...RATE_AGAIN, published: hours(2) });
    expect(c.resolve(arrests.story)).not.toBe(c.resolve(rate.story));
    expect(c.resolve(again.story)).toBe(c.resolve(rate.story));
    const signed = await c.place({ ...SIGNED, published: hours(3) });
    const signedAgain = await c.place({ ...SIGNED_AGAIN, published: hours(4) });
    expect(c.resolve(signedAgain.story)).toBe(c.resolve(signed.story));
  });

  it('without the check the cosine alone joins the two Karachi reports (what the check is for)', async () => {
    const c = new StoryClusterer({ checkWhat: false });
    const rate = await c.place({ ...RATE, published: hours(0) });
    const arrests = await c.place({ ...ARRESTS, published: hours(20) });
    expect(c.resolve(arrests.story)).toBe(c.resolve(rate.story));
  });

  let repo: Repository | null = null;
  afterEach(async () => { await repo?.close(); repo = null; });

  it('over the store (ingest): the same', async () => {
    const r = (repo = await openStore('sqlite::memory:'));
    const at = (h: number) => new Date(hours(h)).toISOString();
    const rate = await placeVersion(r, newVersion({ outlet: 'A', ...RATE, published: at(0) }));
    const arrests = await placeVersion(r, newVersion({ outlet: 'B', ...ARRESTS, published: at(20) }));
    const again = await placeVersion(r, newVersion({ outlet: 'C', ...RATE_AGAIN, published: at(2) }));
    expect(arrests.storyId).not.toBe(rate.storyId);
    expect(again.storyId).toBe(rate.storyId);
  });
});
