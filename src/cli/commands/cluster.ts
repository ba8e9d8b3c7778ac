// `lede cluster FILE.jsonl`: online single-pass story clustering of a stream of items.
import { StoryClusterer } from '../../pipeline/stories/index.ts';
import { parseTime, readJsonLines } from '../../pipeline/stories/jsonl.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede cluster FILE.jsonl   (or - for standard input)

Reads items {id?, title?, text, published?} one JSON object a line, in stream order (an item without
id gets its 0-based line number), assigns each to a story in one pass, and prints one line per item:
  {"id": ..., "story": N}
Stories that turn out to be one event are merged during the pass; the printed labels are the final
ones. Items with a published time only join stories active within the last three days.
A line that cannot be read prints {"id", "story": null, "error"}; the run goes on and exits 1.`;

export default {
  summary: 'group a JSON-lines stream of items into stories (one pass)',
  help,
  async run(argv: string[]): Promise<number> {
    // A reader that stops early (`| head`) ends the run quietly.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
    const files = argv.filter((a) => a === '-' || !a.startsWith('-'));
    const unknown = argv.find((a) => a !== '-' && a.startsWith('-'));
    if (unknown || files.length !== 1) {
      console.error(unknown ? `lede cluster: unknown option ${unknown}\n\n${help}` : help);
      return 2;
    }
    const clusterer = new StoryClusterer();
    const placed: { id: unknown; story: number | null; error?: string }[] = [];
    let failed = 0;
    for await (const { line, value, error } of readJsonLines(files[0]!)) {
      const id = value && 'id' in value ? value.id : line;
      const text = value && typeof value.text === 'string' ? value.text : '';
      const title = value && typeof value.title === 'string' ? value.title : null;
      if (error || (!text.trim() && !title)) {
        failed++;
        placed.push({ id, story: null, error: error ?? 'item has no text' });
        continue;
      }
      const p = await clusterer.place({ title, text, published: parseTime(value!.published) });
      placed.push({ id, story: p.story });
    }
    // Story numbers are renumbered 0.. in order of first appearance after merges are resolved.
    const numbers = new Map<number, number>();
    const lines: string[] = [];
    for (const p of placed) {
      if (p.story === null) {
        lines.push(JSON.stringify(p));
        continue;
      }
      const root = clusterer.resolve(p.story);
      let n = numbers.get(root);
      if (n === undefined) numbers.set(root, (n = numbers.size));
      lines.push(JSON.stringify({ id: p.id, story: n }));
      if (lines.length >= 1024) { process.stdout.write(lines.join('\n') + '\n'); lines.length = 0; }
    }
    if (lines.length) process.stdout.write(lines.join('\n') + '\n');
    return failed ? 1 : 0;
  },
} satisfies Command;
