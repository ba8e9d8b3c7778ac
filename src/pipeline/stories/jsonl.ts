// Line-by-line reading of JSON-lines input for `lede dedup` and `lede cluster`.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface JsonLine {
  line: number;
  value: Record<string, unknown> | null;
  error: string | null;
}

/** Yields each non-blank line parsed; a line that is not a JSON object yields an error instead. */
export async function* readJsonLines(file: string): AsyncGenerator<JsonLine> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = -1;
  for await (const raw of rl) {
    line++;
    if (!raw.trim()) continue;
    try {
      const v = JSON.parse(raw) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) yield { line, value: v as Record<string, unknown>, error: null };
      else yield { line, value: null, error: 'not a JSON object' };
    } catch (e) {
      yield { line, value: null, error: `not valid JSON: ${(e as Error).message}` };
    }
  }
}

export function parseTime(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v > 1e11 ? v : v * 1000;
  if (typeof v !== 'string' || !v.trim()) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}
