// stories: online clustering of articles into stories, related-article ranking, and placeVersion —
// the one call ingest makes to put an outlet's copy into the store (dedup + story assignment).
export { placeVersion, type Placement } from './place.ts';
export { relatedArticles, type RelatedArticle, type RelatedOptions } from './related.ts';
export { relativeTime } from './relative-time.ts';
export {
  StoryClusterer, DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions, type ClusterInput, type ClusterPlacement, type StoryModel,
} from './cluster.ts';
export { storyTerms } from './terms.ts';
export { scoreClustering, type ClusteringScores } from './metrics.ts';
