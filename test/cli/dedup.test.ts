// `lede dedup` through the real binary: one verdict line per input line, ids kept, bad lines survived.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_AGGREGATOR, SEED_PUBLISHER, unrelatedNews } from '../pipeline/stories/helpers.ts';

const bin = new URL('../../bin/lede.js', import.meta.url).pathname;

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, 'dedup', ...args], { input, encoding: 'utf8' });
}

describe('lede dedup', () => {
  const news = unrelatedNews();
  const items = [
    { id: 'pub', title: 'Iraq coalition', text: SEED_PUBLISHER, url: 'https://a.example/x', published: '2025-02-20T09:00:00Z' },
    { id: 7, text: news[0]!.text },
    { id: 'agg', title: "Iraq's Ruling Coalition to Discuss US Warnings", text: SEED_AGGREGATOR },
    { id: 'n1', text: news[1]!.text },
    { id: 'n0-copy', title: 'A new headline', text: news[0]!.text.replace(/'/g, '\u2019') },
  ];
  const lines = items.map((i) => JSON.stringify(i)).join('\n') + '\n';
  const expected = [
    { id: 'pub', duplicateOf: null },
    { id: 7, duplicateOf: null },
    { id: 'agg', duplicateOf: 'pub' },
    { id: 'n1', duplicateOf: null },
    { id: 'n0-copy', duplicateOf: 7 },
  ];

  it('reads a file and prints {id, duplicateOf} per item in stream order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lede-dedup-'));
    writeFileSync(join(dir, 'items.jsonl'), lines);
    const r = run([join(dir, 'items.jsonl')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(expected);
  });

  it('reads standard input with -, and reports a bad line in place without stopping', () => {
    const r = run(['-'], lines.replace('\n', '\n{not json\n'));
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(6);
    expect(out[1]).toMatchObject({ id: 1, duplicateOf: null });
    expect(out[1].error).toMatch(/JSON/);
    expect(out.filter((o) => !o.error)).toEqual(expected);
  });

  it('explains its usage when no file is given', () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Usage: lede dedup/);
  });
});
