// Store-backed placement finds candidate stories through a process-local window caught up from the store's
// story log, and story_terms is written from that log in batches (a fold): what another process placed or
// merged is found, the window ranks exactly as the store's lookup, the fold gives the related articles
// their stories, and a back-filled article older than the window is looked up in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryId } from '../../../src/domain/types.ts';
import { DEFAULT_CLUSTER_OPTIONS, flushStoryLog, placeVersion, prepareVersion } from '../../../src/pipeline/stories/index.ts';
import { StoryWindow, storyWindowOf } from '../../../src/pipeline/stories/story-window.ts';
import { topTerms } from '../../../src/pipeline/stories/cluster.ts';
import { openStore } from '../../../src/store/index.ts';
import type { Repository } from '../../../src/store/repository.ts';
import { backends } from '../../store/backends.ts';
import { generateCorpus, loadSentences, scaleVersion } from '../../../scripts/gen-scale-corpus.ts';
import { newVersion, seedVersions, unrelatedNews } from './helpers.ts';

const WINDOW = DEFAULT_CLUSTER_OPTIONS.windowMs;
const T0 = '2025-02-20T08:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The seed publisher's event in another outlet's words: it joins the seed's story. */
const sameEvent = (published: string) => newVersion({
  outlet: 'Baghdad Post', title: 'Iraq coalition calls emergency meeting over Rubio warning on Iran influence',
  text: `Iraq's ruling Coordination Framework coalition will hold an emergency meeting after US Secretary of State Marco Rubio warned Prime Minister Mohammed Shia al-Sudani in a phone call to limit Iran's influence.
Leaders of the pro-Iran coalition fear US sanctions on Iraqi banks and officials, sources in Baghdad said. Uday al-Khadran of the Coordination Framework said Iraq wants neutrality.
The US keeps about 2,500 troops in Iraq with the coalition against ISIS, and Washington has pressed Baghdad to halt gas imports from Iran.`,
  published,
});

/** Counts the store lookups (findStoryStamps) a repository object is asked for. */
function countStoreLookups(repo: Repository): { n: number } {
  const count = { n: 0 };
  const find = repo.findStoryStamps.bind(repo);
  repo.findStoryStamps = (...a) => { count.n++; return find(...a); };
  return count;
}

for (const backend of backends()) {
  describe(`story lookup over the store's story log (${backend.name})`, () => {
    let a: Repository;
    let b: Repository;
    beforeAll(async () => {
      a = await backend.open();
      b = await openStore(backend.urlOf(a)); // another process's view of the same store: windows of its own
    });
    afterAll(async () => {
      await b.close();
      await backend.cleanup();
    });

    it("finds the story another process started, from its window, at this process's next placement", async () => {
      const [n0] = unrelatedNews();
      await placeVersion(a, newVersion({ outlet: 'Local Times', ...n0!, published: T0 })); // a's window has started
      const lookups = countStoreLookups(a);
      const first = await placeVersion(b, seedVersions().publisher);
      const joined = await placeVersion(a, sameEvent(later(5 * HOUR)));
      expect(joined.isNewArticle).toBe(true);
      expect(joined.storyId).toBe(first.storyId);
      expect(lookups.n).toBe(0);
      expect(storyWindowOf(a).size).toBeGreaterThan(0);
    });

    it('sees a merge made by another process: the terms of the story gone find the one it went into', async () => {
      const at = Date.parse(T0) + 2 * DAY;
      const w = new StoryWindow(() => at);
      await w.catchUp(b);
      const save = (story: StoryId, touched: string[], ms: number, stamp: number) =>
        a.saveStoryState({ storyId: story, terms: touched, touched, centroid: new Uint8Array([1]), lastSeen: new Date(ms).toISOString(), stamp });
      const story = async (title: string) => {
        const s = await a.createStory(title, new Date(at).toISOString());
        const article = await a.createArticle({ ...newVersion({ outlet: 'Merge Post', title, text: `${title} text` }), contentHash: `merge-${title}` }, null);
        await a.assignStory(article.article.id, s.id);
        return s.id;
      };
      const s1 = await story('One');
      const s2 = await story('Two');
      await save(s1, ['zanzibar', 'quokka'], at, 11);
      await save(s2, ['platypus'], at + 60_000, 22);
      await w.catchUp(b);
      const since = at - HOUR;
      expect(w.find(['platypus'], since, 10)).toEqual([{ storyId: s2, stamp: 22 }]);
      await a.mergeStories(s1, s2);
      await save(s1, ['quokka'], at + 120_000, 33);
      await w.catchUp(b);
      expect(w.find(['platypus'], since, 10)).toEqual([{ storyId: s1, stamp: 33 }]);
      expect(w.find(['zanzibar', 'platypus', 'quokka'], since, 10)).toEqual([{ storyId: s1, stamp: 33 }]);
      // story_terms, once folded, says the same.
      await flushStoryLog(b);
      expect(await b.findStoryStamps(['platypus'], new Date(since).toISOString(), 10)).toEqual([{ storyId: s1, stamp: 33 }]);
      expect(await b.findStoryStamps(['zanzibar', 'platypus', 'quokka'], new Date(since).toISOString(), 10)).toEqual([{ storyId: s1, stamp: 33 }]);
      expect(await b.checkIntegrity()).toEqual([]);
    });

    it('the fold gives story_terms the stories placed, for the related articles', async () => {
      const placed = await placeVersion(a, newVersion({ outlet: 'Fold Times', title: 'Aardvark census in Nambia', text: 'An aardvark census counted nambian aardvarks in the burrows of Okavango. The aardvark census ran for a week.', published: later(3 * DAY) }));
      await flushStoryLog(a);
      const [state] = await a.getStoryStates([placed.storyId!]);
      const found = await b.findStoriesByTerms(state!.terms, later(2 * DAY), 10);
      expect(found.map((s) => s.storyId)).toContain(placed.storyId);
      expect(await a.checkIntegrity()).toEqual([]);
    });

    it('a back-filled article older than the window is looked up in the store, and joins its old story', async () => {
      const r = await backend.open();
      const base = Date.parse(T0) + 40 * DAY;
      const iso = (ms: number) => new Date(ms).toISOString();
      const old = await placeVersion(r, { ...seedVersions().publisher, published: iso(base), fetchedAt: iso(base) });
      for (const [i, n] of unrelatedNews().slice(1, 4).entries()) {
        await placeVersion(r, newVersion({ outlet: `Later ${i}`, title: n.title, text: n.text, published: iso(base + 10 * DAY + i * HOUR) }));
      }
      const at = base + HOUR;
      expect(storyWindowOf(r).covers(at - WINDOW)).toBe(false);
      const lookups = countStoreLookups(r);
      const back = await placeVersion(r, sameEvent(iso(at)));
      expect(lookups.n).toBe(1);
      expect(back.isNewArticle).toBe(true);
      expect(back.storyId).toBe(old.storyId);
    });

    it('ranks as the store lookup does, over a few hundred placements of the scale corpus', async () => {
      const repo = await openStore(backend.urlOf(a));
      try {
        const corpus = [...generateCorpus(700, loadSentences().sentences, { seed: 5, start: Date.parse('2025-06-01T00:00:00Z') })].map((x) => prepareVersion(scaleVersion(x)));
        for (const p of corpus.slice(0, 400)) await placeVersion(repo, p);
        const window = storyWindowOf(repo);
        let compared = 0;
        for (const p of corpus.slice(400)) {
          await repo.foldStoryLog(true);
          await window.catchUp(repo);
          const terms = topTerms(p.terms!.text, 12);
          for (const since of [p.at! - WINDOW, p.at! - WINDOW / 8]) {
            expect(window.covers(since)).toBe(true);
            const fromWindow = window.find(terms, since, 32);
            const fromStore = await repo.findStoryStamps(terms, new Date(since).toISOString(), 32);
            expect(fromWindow).toEqual(fromStore);
            if (fromStore.length > 1) compared++;
          }
          await placeVersion(repo, p);
        }
        expect(compared).toBeGreaterThan(300);
      } finally {
        await repo.close();
      }
    }, 120_000);
  });
}
