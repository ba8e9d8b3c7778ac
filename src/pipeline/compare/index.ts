// compare: story intelligence computed at ingest — how each outlet's copy of an article differs from its
// original, how the story's accounts differ from each other, who covered it (by country, language and
// kind; who was first; who only republished), what changed over time, the summary across outlets and
// the key quotes. Pure functions over stored versions, digests and enrichments (see refresh.ts for the
// one call that reads and writes the store).
export { analyseStory, type StoryInput, type StoryArticleInput, type StoryVersionInput, type StoryResult, type VersionRole } from './analyse.ts';
export { compareCopy, changedNumbers, type CopyText } from './copies.ts';
export { compareAccounts, disagreements, factText, type Account } from './accounts.ts';
export { coverageOf, originalOf, roleOf, withRegistry } from './coverage.ts';
export { timelineOf } from './timeline.ts';
export { versionDigest } from './digest.ts';
export { rankBriefing, type BriefingStory } from './briefing.ts';
export { noteVersion, refreshStory, refreshStories, type PlacedVersion, articlesToRead, MAX_STORY_ARTICLES } from './refresh.ts';
