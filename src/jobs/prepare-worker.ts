// One thread of the prepare pool: runs prepareArticle for each message and answers with its result, or
// with the error's code and message (rebuilt as a LedeError by the pool).
import { parentPort } from 'node:worker_threads';
import { prepareArticle, type ArticleInput } from '../pipeline/article.ts';

parentPort!.on('message', (msg: { id: number; input: ArticleInput }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: prepareArticle(msg.input) });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    parentPort!.postMessage({ id: msg.id, error: { code: typeof err.code === 'string' ? err.code : null, message: String(err.message ?? e) } });
  }
});
parentPort!.postMessage({ ready: true });
