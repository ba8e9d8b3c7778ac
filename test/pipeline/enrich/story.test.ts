// A story told in English and Arabic (the seed article and its Arabic version, test/fixtures/arabic/seed-ar.txt)
// as a reader sees it: each place, person and quote once, named in the story's main language.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoryAnalysis } from '../../../src/domain/analysis.ts';
import { enrichStory } from '../../../src/pipeline/enrich/index.ts';
import { sameName, sameQuote, soundKey } from '../../../src/pipeline/enrich/story.ts';
import { ingestArabicSeed, ingestText, openTestStore } from '../../web/fixture.ts';

const ENGLISH = readFileSync(new URL('../../../fixtures/seeds/001_03aee5fa6f29c944.txt', import.meta.url), 'utf8');
const ENGLISH_TITLE = "Iraq's ruling coalition to hold emergency meeting after Rubio call";
const ARABIC = readFileSync(new URL('../../fixtures/arabic/seed-ar.txt', import.meta.url), 'utf8');
const [arabicTitle, ...arabicBody] = ARABIC.split('\n\n');

describe('a story with an English and an Arabic article', () => {
  let analysis: StoryAnalysis;
  beforeAll(async () => {
    const { repo, cleanup } = await openTestStore();
    await ingestText(repo, `${ENGLISH_TITLE}\n\n${ENGLISH}`, 'Asharq Al-Awsat', 5);
    const arabic = await ingestArabicSeed(repo);
    analysis = (await repo.getStoryAnalysis((await repo.getArticle(arabic.id))!.article.storyId!))!;
    await cleanup();
  });

  it('tags each concept once, in the language of its first report on a tie', () => {
    expect(analysis.hashtags).toContain('#Iraq');
    expect(analysis.hashtags).toContain('#MarcoRubio');
    expect(analysis.hashtags).not.toContain('#العراق');
    expect(analysis.hashtags).not.toContain('#ماركو_روبيو');
    // The Arabic article's topics are Arabic words: not tags of an English story.
    expect(analysis.hashtags.filter((h) => /[\u0600-\u06FF]/.test(h))).toEqual([]);
    expect(new Set(analysis.hashtags).size).toBe(analysis.hashtags.length);
  });

  it('lists a place or person named in both languages once, with both names', () => {
    const named = (n: string) => analysis.entities.filter((e) => e.names.includes(n));
    for (const [en, ar] of [['Iraq', 'العراق'], ['Marco Rubio', 'ماركو روبيو'], ['Mohammed Shia al-Sudani', 'محمد شياع السوداني'], ['Fuad Hussein', 'فؤاد حسين']]) {
      expect(named(en), en).toHaveLength(1);
      expect(named(en)[0]).toMatchObject({ canonical: en, articles: 2 });
      expect(named(en)[0]!.names).toContain(ar);
    }
  });

  it('shows a quote reported in both languages once, in the main language', () => {
    const khadran = analysis.keyQuotes.filter((q) => q.speaker === 'Uday al-Khadran' || q.speaker === 'عدي الخدران');
    expect(khadran.map((q) => q.text)).toContain('Iraq has consistently worked to maintain neutrality in regional conflicts');
    expect(khadran.some((q) => q.text.includes('الحياد'))).toBe(false);
  });
});

it('a story told mostly in Arabic tags in Arabic', () => {
  const ar = { title: arabicTitle!, text: arabicBody.join('\n\n'), outlet: 'الشرق الأوسط' };
  const { hashtags } = enrichStory([{ title: ENGLISH_TITLE, text: ENGLISH, outlet: 'Asharq Al-Awsat' }, ar, { ...ar, outlet: 'العربية' }]);
  expect(hashtags).toContain('#العراق');
  expect(hashtags).not.toContain('#Iraq');
  expect(hashtags).not.toContain('#MarcoRubio');
});

describe('one name in two scripts', () => {
  it('sounds the same in the usual transliterations', () => {
    for (const [en, ar] of [['Donald Trump', 'دونالد ترمب'], ['Tammy Bruce', 'تامي بروس'], ['Hezbollah', 'حزب الله'], ['David Schenker', 'ديفيد شينكر'], ['Uday al-Khadran', 'عدي الخدران']]) {
      expect(soundKey(ar), `${en} / ${ar}`).toBe(soundKey(en));
    }
    expect(soundKey('Marco Rubio')).not.toBe(soundKey('Mohammed Shia al-Sudani'));
  });

  it('joins names across scripts only: in one script, names that sound alike are different people', () => {
    expect(sameName('Marco Rubio', 'ماركو روبيو')).toBe(true);
    expect(sameName('John Carney', 'John Cornyn')).toBe(false);
    expect(sameName('CIUDAD JUÁREZ', 'Ciudad Juarez')).toBe(true);
    expect(sameName('Rubio', 'Marco Rubio')).toBe(true);
    expect(sameName('Marco', 'Marco Rubio')).toBe(false);
    // Short skeletons are shared by too many names (Ahmed and Hamid are both "hmd").
    expect(sameName('Ahmed', 'حامد')).toBe(false);
  });
});

describe('one quote', () => {
  it('is an outlet\'s copy with a word changed', () => {
    expect(sameQuote({ text: 'We see prices staying firm through the summer', speaker: 'Jane Doe' }, { text: 'We see prices staying firm throughout the summer', speaker: null })).toBe(true);
  });
  it('is not another quote of the same speaker', () => {
    expect(sameQuote({ text: 'We see prices staying firm through the summer', speaker: 'Jane Doe' }, { text: 'Demand for diesel will fall before the winter', speaker: 'Jane Doe' })).toBe(false);
  });
  it('is a translation only when the speaker is the same', () => {
    const en = { text: 'Iraq has consistently worked to maintain neutrality in regional conflicts', speaker: 'Uday al-Khadran' };
    expect(sameQuote(en, { text: 'العراق عمل دائماً على الحفاظ على الحياد في صراعات المنطقة', speaker: 'عدي الخدران' })).toBe(true);
    expect(sameQuote(en, { text: 'العراق عمل دائماً على الحفاظ على الحياد في صراعات المنطقة', speaker: 'ماركو روبيو' })).toBe(false);
  });
});

describe('a story whose outlets name one concept in full and said short', () => {
  it('tags it once, by its full name, and keeps two places that share a word apart', () => {
    const { hashtags } = enrichStory([
      { title: 'Google Stadia launches', text: '', outlet: 'A', hashtags: ['#GoogleStadia', '#DonaldTrump', '#SouthSudan'], entities: [], language: 'en' },
      { title: 'Stadia falls short', text: '', outlet: 'B', hashtags: ['#Stadia', '#Trump', '#Sudan'], entities: [], language: 'en' },
    ]);
    expect(hashtags).toEqual(['#GoogleStadia', '#DonaldTrump', '#SouthSudan', '#Sudan']);
  });
});
