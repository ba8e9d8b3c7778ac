// The store side of story intelligence (migration 008) on both backends: the outlet registry (ingest
// fills blanks, an admin's edit wins), version digests and roles, story revisions and analyses (a later
// revision wins over an earlier one), briefing candidates and an outlet's coverage counts.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoryAnalysis, VersionDigest } from '../../src/domain/analysis.ts';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { backends } from './backends.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function version(over: Partial<NewVersion> = {}): NewVersion {
  return {
    sourceId: null, feedId: null, outlet: 'Example News', url: null, canonicalUrl: null,
    title: 'A title', byline: null, text: 'Some text of the article.', html: '<p>Some text of the article.</p>',
    lede: null, image: null, language: 'en', published: at(0), fetchedAt: at(1), contentHash: 'hash-a', ...over,
  };
}

const digest: VersionDigest = {
  facts: [{ kind: 'number', text: '2,500', value: 2500, unit: 'troops', about: 'troops in Iraq' }],
  quotes: [{ speaker: 'Tammy Bruce', text: 'Rubio and Sudani agreed to maintain dialogue', direct: false }],
  furniture: ['Comments'],
};

function analysis(storyId: number, first: string, computedAt = at(30)): StoryAnalysis {
  return {
    storyId: storyId as never, computedAt,
    coverage: { outlets: [], byCountry: [], byLanguage: [], byKind: [], first: { outlet: first, at: at(0), articleId: 1 as never, versionId: 1 as never } },
    articles: [], fullest: null, timeline: [], summary: ['One.'], summaryByLanguage: {}, hashtags: [], entities: [], keyQuotes: [],
    articleCount: 1, analysedArticles: 1,
  };
}

for (const backend of backends()) {
  describe(`story intelligence store (${backend.name})`, () => {
    let repo: Repository;
    beforeEach(async () => {
      await backend.cleanup();
      repo = await backend.open();
    });
    afterAll(() => backend.cleanup());

    it('registers an outlet on first sight, fills only its blanks later, and never overrides an admin edit', async () => {
      await repo.noteOutlet({ name: 'Daily8', homeUrl: null, country: null, language: 'en', kind: 'publisher', at: at(10) });
      expect(await repo.getOutlet('Daily8')).toMatchObject({ name: 'Daily8', homeUrl: null, country: null, language: 'en', kind: 'publisher', firstSeen: at(10), editedAt: null });
      // A later sighting: the blank home page and the default kind are filled; the language stays; first seen moves earlier.
      await repo.noteOutlet({ name: 'Daily8', homeUrl: 'https://daily8.example/', country: 'AE', language: 'ar', kind: 'aggregator', at: at(5) });
      expect(await repo.getOutlet('Daily8')).toMatchObject({ homeUrl: 'https://daily8.example/', country: 'AE', language: 'en', kind: 'aggregator', firstSeen: at(5) });

      const edited = await repo.updateOutlet('Daily8', { kind: 'publisher', owner: 'Daily8 Media', country: null }, at(20));
      expect(edited).toMatchObject({ kind: 'publisher', owner: 'Daily8 Media', country: null, homeUrl: 'https://daily8.example/', editedAt: at(20) });
      await repo.noteOutlet({ name: 'Daily8', homeUrl: 'https://other.example/', country: 'SA', language: 'en', kind: 'aggregator', at: at(1) });
      expect(await repo.getOutlet('Daily8')).toEqual(edited);
      expect(await repo.updateOutlet('Nobody', { kind: 'wire' }, at(20))).toBeNull();

      await repo.noteOutlet({ name: 'Asharq Al-Awsat', homeUrl: 'https://english.aawsat.com/', country: 'SA', language: 'en', kind: 'publisher', at: at(0) });
      expect((await repo.listOutlets()).map((o) => o.name)).toEqual(['Asharq Al-Awsat', 'Daily8']);
      expect((await repo.getOutlets(['Daily8', 'Unknown'])).map((o) => o.name)).toEqual(['Daily8']);
      await expect(repo.updateOutlet('Daily8', { kind: 'tabloid' as never }, at(30))).rejects.toThrow();
    });

    it('keeps digests per version, marks stories due when they change, and stores the latest analysis only', async () => {
      const { article, version: v1 } = await repo.createArticle(version({ outlet: 'Asharq Al-Awsat' }), null);
      const v2 = await repo.addVersion(article.id, version({ outlet: 'Daily8', contentHash: 'hash-b', published: at(60) }), false, null);
      const story = await repo.createStory('Story', at(0));
      await repo.assignStory(article.id, story.id);
      await repo.saveVersionDigest(v1.id, article.id, 'Asharq Al-Awsat', digest);
      await repo.saveVersionDigest(v2.id, article.id, 'Daily8', { ...digest, furniture: [] });
      const digests = await repo.getVersionDigests([v1.id, v2.id, 999 as never]);
      expect(digests.get(v1.id)).toEqual(digest);
      expect(digests.get(v2.id)?.furniture).toEqual([]);
      expect(digests.size).toBe(2);

      expect(await repo.storyRevision(story.id)).toBeNull();
      await repo.markStoryChanged(story.id);
      await repo.markStoryChanged(story.id);
      expect(await repo.storyRevision(story.id)).toEqual({ revision: 2, analysed: 0 });
      expect(await repo.dueStories(10)).toEqual([story.id]);
      expect(await repo.getStoryAnalysis(story.id)).toBeNull();

      const stats = { outlets: 2, articles: 1, versions: 2, arrivals: [T0, T0 + 3600_000] };
      const roles = [{ versionId: v1.id, role: 'original' as const }, { versionId: v2.id, role: 'copy' as const }];
      expect(await repo.saveStoryAnalysis({ storyId: story.id, revision: 2, analysis: analysis(story.id, 'Asharq Al-Awsat'), stats, roles })).toBe(true);
      expect(await repo.dueStories(10)).toEqual([]);
      expect(await repo.getStoryAnalysis(story.id)).toEqual(analysis(story.id, 'Asharq Al-Awsat'));
      // An analysis of an older revision (a slower worker) does not replace it, nor the roles it gave.
      const swapped = [{ versionId: v1.id, role: 'copy' as const }, { versionId: v2.id, role: 'original' as const }];
      expect(await repo.saveStoryAnalysis({ storyId: story.id, revision: 1, analysis: analysis(story.id, 'Daily8'), stats, roles: swapped })).toBe(false);
      expect((await repo.getStoryAnalysis(story.id))?.coverage.first?.outlet).toBe('Asharq Al-Awsat');

      await repo.noteOutlet({ name: 'Daily8', homeUrl: null, country: null, language: 'en', kind: 'aggregator', at: at(60) });
      expect(await repo.outletCoverage('Daily8')).toEqual({ articles: 1, stories: 1, originals: 0, copies: 1, first: 0 });
      expect(await repo.outletCoverage('Asharq Al-Awsat')).toEqual({ articles: 1, stories: 1, originals: 1, copies: 0, first: 1 });
      expect(await repo.outletCoverage('Nobody')).toEqual({ articles: 0, stories: 0, originals: 0, copies: 0, first: 0 });

      // Briefing candidates: analysed stories active since the time given, with their counts.
      await repo.updateStory(story.id, { seen: at(60) });
      const candidates = await repo.briefingCandidates(at(30), 10);
      expect(candidates).toEqual([{ storyId: story.id, title: 'Story', firstSeen: at(0), lastSeen: at(60), stats }]);
      expect(await repo.briefingCandidates(at(61), 10)).toEqual([]);
    });

    it('drops a story\'s analysis with the story (merged away) and a version\'s digest with the article', async () => {
      const a = await repo.createArticle(version(), null);
      const b = await repo.createArticle(version({ contentHash: 'hash-b', url: 'https://x.test/b' }), null);
      const s1 = await repo.createStory('One', at(0));
      const s2 = await repo.createStory('Two', at(0));
      await repo.assignStory(a.article.id, s1.id);
      await repo.assignStory(b.article.id, s2.id);
      await repo.markStoryChanged(s1.id);
      await repo.markStoryChanged(s2.id);
      await repo.saveVersionDigest(a.version.id, a.article.id, 'Example News', digest);
      await repo.mergeStories(s1.id, s2.id);
      expect(await repo.storyRevision(s2.id)).toBeNull();
      expect(await repo.dueStories(10)).toEqual([s1.id]);
      expect(await repo.checkIntegrity()).toEqual([]);
    });
  });
}
