// One log event per feed poll and per failed or skipped item, with its reason code: what an operator
// greps when a feed goes quiet.
import type { Logger } from '../log/index.ts';
import type { PipelineEvent } from '../pipeline/run.ts';
import { reasonCode } from './metrics.ts';

export function logPipelineEvent(logger: Logger, e: PipelineEvent): void {
  if (e.type === 'feed') {
    const failed = e.status === 'error' || e.status === 'refused';
    const fields = { event: 'feed_poll', feedId: e.feed.id, feed: e.feed.url, status: e.status, items: e.items, reason: failed ? reasonCode(e.error) : undefined, error: e.error ?? undefined };
    const msg = `feed ${e.feed.url}: ${e.status}${e.items ? `, ${e.items} stored` : ''}${e.error ? ` (${e.error})` : ''}`;
    if (failed) logger.warn(fields, msg);
    else logger.info(fields, msg);
    return;
  }
  const o = e.outcome;
  if (o.status === 'failed' || o.status === 'skipped') {
    const fields = { event: 'item_' + o.status, feedId: e.feed.id, feed: e.feed.url, item: o.key, reason: reasonCode(o.reason), detail: o.reason };
    const msg = `item ${o.key} of ${e.feed.url}: ${o.status}: ${o.reason}`;
    if (o.status === 'failed') logger.warn(fields, msg);
    else logger.debug(fields, msg);
  } else if (o.status === 'stored') {
    logger.debug({ event: 'item_stored', feedId: e.feed.id, item: o.key, articleId: o.articleId, isNewArticle: o.isNewArticle }, `stored ${o.title}`);
  }
}
