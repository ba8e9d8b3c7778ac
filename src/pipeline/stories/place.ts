// placeVersion: one outlet's copy of an article into the store — the placement algorithm (placement.ts)
// over the store-backed index. No store-wide lock: the placement holds locks only on what it touches
// (its content hash, canonical URL and fingerprint bands, then the stories it may change), so two copies
// of one article placed at the same moment still make one article, while unrelated articles are placed
// side by side.
import type { Article, StoryId, Version } from '../../domain/types.ts';
import type { NewVersion } from '../../domain/pipeline.ts';
import type { PlacementStore } from '../../domain/placement.ts';
import { place, prepareVersion, type PlacementOptions, type PreparedVersion } from './placement.ts';
import { StorePlacementIndex, storedFingerprint } from './store-index.ts';

import { termStatsOf } from './term-stats.ts';
import { storyFolderOf } from './story-fold.ts';
import { log } from '../../log/index.ts';

export { flushTermStats } from './term-stats.ts';
export { flushStoryLog } from './story-fold.ts';

export interface Placement {
  article: Article;
  version: Version;
  isNewArticle: boolean;
  /** The same text was stored before (a re-fetch, the same link from another feed): nothing new written. */
  isRepeat: boolean;
  storyId: StoryId | null;
}

/**
 * What a placement must hold before its first lookup: anything that could make another placement's text
 * a copy of this one (an exact repeat shares the hash, a page the URL, a near copy at least one band).
 */
export function placementKeys(p: PreparedVersion): string[] {
  const keys = [`h:${p.version.contentHash}`];
  if (p.version.canonicalUrl) keys.push(`u:${p.version.canonicalUrl}`);
  for (const b of storedFingerprint(p.fingerprint).bands) keys.push(`b:${b}`);
  return keys;
}

/**
 * Places one version. `input` may come prepared (ingest prepares it on the extract/enrich thread with the
 * default options); otherwise the pure work is done here, before any lock: fingerprint and term counts.
 */
export async function placeVersion(repo: PlacementStore, input: NewVersion | PreparedVersion, opts: Partial<PlacementOptions> = {}): Promise<Placement> {
  const prepared = 'fingerprint' in input ? input : prepareVersion(input, opts);
  const placed = await repo.withKeys(placementKeys(prepared), async (tx): Promise<Placement> => {
    const index = new StorePlacementIndex(tx);
    const out = await place(index, prepared, opts);
    return { article: index.article!, version: index.version!, isNewArticle: out.isNewArticle, isRepeat: out.repeatOf !== null, storyId: out.story as StoryId | null };
  });
  // The term counts and story_terms go to the store in batches, outside the placement's locks (see
  // term-stats.ts and story-fold.ts).
  const stats = termStatsOf(repo);
  if (stats.due) await stats.flush().catch((e: unknown) => log().warn({ err: e }, 'term counts not written yet; kept for the next batch'));
  if (placed.storyId !== null && placed.isNewArticle) {
    const folder = storyFolderOf(repo);
    folder.note();
    if (folder.due) await folder.fold();
  }
  return placed;
}
