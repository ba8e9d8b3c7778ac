// `lede analyze [--jsonl] [--summary-sentences N] INPUT...`: hashtags, keyphrases, entities, facts,
// quotes and a summary for each input. Models load once for the whole run.
import { readFileSync } from 'node:fs';
import { enrichDocument, opensStory } from '../../pipeline/enrich/index.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede analyze [--jsonl] [--summary-sentences N] INPUT...

Enriches each INPUT offline and prints one JSON object per input:
  {input, language, hashtags, keyphrases,
   entities: [{text, type, start, end, canonical}],
   canonicalEntities: [{canonical, type, mentions, role}],
   facts: [{kind, text, value, unit, about, sentence, start, end}],
   quotes: [{speaker, text, verb, direct, start, end}],
   summary: [sentence, ...]}

INPUT is one of
  FILE.txt   plain text; the first line is the title
  FILE.json  the JSON that \`lede extract\` prints ({title, text, published, language, ...})
  FILE.jsonl what \`lede extract --jsonl\` prints: one page a line, each analysed as "FILE.jsonl#LINE"
  -          standard input (JSON when it starts with "{", plain text otherwise)

Offsets (start/end) are JavaScript string indices (UTF-16 code units):
  - for plain text, into the whole input exactly as read (title line included);
  - for extract JSON, into  title + "\\n\\n" + text  (just text when the title is empty).

Options:
  --jsonl                  one compact JSON object per line (default: indented objects)
  --summary-sentences N    sentences in the summary (default 3)

An input that cannot be read or parsed prints {input, error} and the run goes on; the exit code is 1
only when every input failed (as for \`lede extract\`).`;

interface Parsed {
  doc: string;
  titleEnd: number;
  published: string | null;
  language: string | null;
}

export function parseInput(content: string, name: string): Parsed {
  const looksJson = name.endsWith('.json') || (name === '-' && /^\s*\{/.test(content));
  if (looksJson) {
    let v: unknown;
    try {
      v = JSON.parse(content);
    } catch (e) {
      throw new Error(`not valid JSON: ${(e as Error).message}`);
    }
    if (!v || typeof v !== 'object' || typeof (v as { text?: unknown }).text !== 'string') {
      throw new Error('JSON input must be an object with a string "text" (the output of `lede extract`)');
    }
    const o = v as { title?: unknown; text: string; published?: unknown; language?: unknown };
    const title = typeof o.title === 'string' ? o.title.trim() : '';
    return {
      doc: title ? `${title}\n\n${o.text}` : o.text,
      titleEnd: title.length,
      published: typeof o.published === 'string' ? o.published : null,
      language: typeof o.language === 'string' ? o.language : null,
    };
  }
  // The title is the first non-blank line, unless that line already opens the story (a wire dateline and
  // its first sentence): then the text has no title.
  const lead = /^\s*/.exec(content)![0].length;
  const nl = content.indexOf('\n', lead);
  const titleEnd = nl < 0 ? content.length : content[nl - 1] === '\r' ? nl - 1 : nl;
  return { doc: content, titleEnd: opensStory(content.slice(lead, titleEnd)) ? 0 : titleEnd, published: null, language: null };
}

export function analyzeContent(content: string, name: string, summarySentences = 3): Record<string, unknown> {
  const p = parseInput(content, name);
  name = name.replace(/(\.jsonl#\d+)\.json$/, '$1');
  const e = enrichDocument(p.doc, { titleEnd: p.titleEnd, published: p.published, language: p.language, summarySentences });
  return {
    input: name,
    language: e.language,
    hashtags: e.hashtags,
    keyphrases: e.keyphrases,
    entities: e.mentions.map((m) => ({ text: m.text, type: m.type, start: m.start, end: m.end, canonical: m.canonical })),
    canonicalEntities: e.entities,
    facts: e.facts,
    quotes: e.quotes.map((q) => ({ speaker: q.speaker, text: q.text, verb: q.verb, direct: q.direct, start: q.start, end: q.end })),
    summary: e.summary,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export default {
  summary: 'hashtags, entities, facts, quotes and a summary of articles (offline)',
  help,
  async run(argv: string[]): Promise<number> {
    let jsonl = false;
    let sentences = 3;
    const inputs: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--jsonl') jsonl = true;
      else if (a === '--summary-sentences' || a.startsWith('--summary-sentences=')) {
        const v = a.includes('=') ? a.split('=')[1] : argv[++i];
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 50) {
          console.error(`lede analyze: --summary-sentences needs a whole number from 1 to 50, got '${v ?? ''}'`);
          return 2;
        }
        sentences = n;
      } else if (a.startsWith('--')) {
        console.error(`lede analyze: unknown option ${a}\n\n${help}`);
        return 2;
      } else inputs.push(a);
    }
    if (!inputs.length) {
      console.error(help);
      return 2;
    }
    let failed = 0;
    let total = 0;
    let stdin: string | null = null;
    const emit = (out: Record<string, unknown>) => {
      total++;
      if ('error' in out) failed++;
      process.stdout.write(JSON.stringify(out, null, jsonl ? undefined : 2) + '\n');
    };
    const one = (content: string, name: string): Record<string, unknown> => {
      try {
        return analyzeContent(content, name, sentences);
      } catch (e) {
        return { input: name, error: (e as Error).message };
      }
    };
    for (const input of inputs) {
      let content: string;
      try {
        content = input === '-' ? (stdin ??= await readStdin()) : readFileSync(input, 'utf8');
      } catch (e) {
        emit({ input, error: (e as Error).message });
        continue;
      }
      if (input.endsWith('.jsonl')) {
        content.split('\n').forEach((line, i) => {
          if (!line.trim()) return;
          const name = `${input}#${i + 1}`;
          let page: { error?: unknown } | null = null;
          try { page = JSON.parse(line); } catch { /* reported by analyzeContent */ }
          emit(page && typeof page.error === 'string' ? { input: name, error: `extract failed: ${page.error}` } : one(line, name + '.json'));
        });
        continue;
      }
      emit(one(content, input));
    }
    return total && failed === total ? 1 : 0;
  },
} satisfies Command;
