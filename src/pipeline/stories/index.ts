// stories: placement (dedup, then story assignment) written once over a PlacementIndex — placeVersion
// is the store-backed call ingest makes, DedupStream and StoryClusterer the in-memory streams the CLI,
// the bench and the evaluation scripts run — plus related-article ranking.
export { placeVersion, flushTermStats, flushStoryLog, type Placement } from './place.ts';
export { place, prepareVersion, DEFAULT_PLACEMENT_OPTIONS, type PlacementOptions, type PlacementOutcome, type PreparedVersion } from './placement.ts';
export { MemoryPlacementIndex } from './memory-index.ts';
export { DedupStream, StoryClusterer, streamVersion, type StreamItem, type StreamPlacement, type ClusterPlacement } from './streams.ts';
export { relatedArticles, type RelatedArticle, type RelatedOptions } from './related.ts';
export { relativeTime } from './relative-time.ts';
export { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions, type ClusterInput, type StoryModel } from './cluster.ts';
export { storyTerms } from './terms.ts';
export { scoreClustering, type ClusteringScores } from './metrics.ts';
