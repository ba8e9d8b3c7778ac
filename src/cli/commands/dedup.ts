// `lede dedup FILE.jsonl`: near-duplicate detection over a stream of items, one verdict per line.
import { DedupStream } from '../../pipeline/stories/index.ts';
import { parseTime, readJsonLines } from '../../pipeline/stories/jsonl.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede dedup FILE.jsonl   (or - for standard input)

Reads items {id, title?, text, url?, published?} one JSON object a line, in stream order, and prints
one line per item:
  {"id": ..., "duplicateOf": ...}
duplicateOf is the id of the earlier item whose article this one copies (the first item of that
article), or null for an item that starts a new article. Copies are recognised through syndication,
aggregator furniture, a dropped lede, truncation, changed quote typography, a new headline and updates;
two articles about one event, or sharing only a quoted paragraph, are not copies.
A line that cannot be read prints {"id", "duplicateOf": null, "error"}; the run goes on and exits 1.`;

export default {
  summary: 'find copies of one article in a JSON-lines stream of items',
  help,
  async run(argv: string[]): Promise<number> {
    // A reader that stops early (`| head`) ends the run quietly.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
    const files = argv.filter((a) => a === '-' || !a.startsWith('-'));
    const unknown = argv.find((a) => a !== '-' && a.startsWith('-'));
    if (unknown || files.length !== 1) {
      console.error(unknown ? `lede dedup: unknown option ${unknown}\n\n${help}` : help);
      return 2;
    }
    const stream = new DedupStream();
    const ids: unknown[] = [];
    let failed = 0;
    const out: string[] = [];
    const flush = () => { if (out.length) { process.stdout.write(out.join('')); out.length = 0; } };
    for await (const { line, value, error } of readJsonLines(files[0]!)) {
      const id = value && 'id' in value ? value.id : line;
      const text = value ? (typeof value.text === 'string' && value.text.trim() ? value.text : typeof value.title === 'string' ? value.title : null) : null;
      if (error || text === null) {
        failed++;
        // Keeps one output line per input line; the failed item takes no part in later matching.
        out.push(JSON.stringify({ id, duplicateOf: null, error: error ?? 'item has no text' }) + '\n');
        continue;
      }
      const url = typeof value!.url === 'string' ? value!.url : null;
      const p = await stream.place(text, parseTime(value!.published), { url });
      ids.push(id);
      const n = ids.length - 1;
      out.push(JSON.stringify({ id, duplicateOf: p.article === n ? null : ids[p.article] }) + '\n');
      if (out.length >= 256) flush();
    }
    flush();
    return failed ? 1 : 0;
  },
} satisfies Command;
