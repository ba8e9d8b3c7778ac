// `lede cluster` through the real binary.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../bin/lede.js', import.meta.url).pathname;
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, 'cluster', ...args], { input, encoding: 'utf8' });

describe('lede cluster', () => {
  it('prints {id, story} per line; lines without id get their 0-based line number', () => {
    const items = [
      { text: 'chile earthquak magnitud tsunami warn antofagasta coast' },
      { id: 'b', title: 'Portugal election: ruling party wins', text: 'The ruling party won Portugal\'s parliamentary election on Sunday with 41 percent of the vote.' },
      { text: 'tsunami warn lift chile earthquak antofagasta' },
      { id: 'd', title: 'Portugal: prime minister wins second term', text: 'Portugal\'s prime minister won a second term as his ruling party took 41 percent of the vote in the parliamentary election.', published: '2025-02-02T10:00:00Z' },
    ];
    const r = run(['-'], items.map((i) => JSON.stringify(i)).join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual([0, 'b', 2, 'd']);
    expect(out[0].story).toBe(out[2].story);
    expect(out[1].story).toBe(out[3].story);
    expect(out[0].story).not.toBe(out[1].story);
  });

  it('a line that is not an object is reported in place', () => {
    const r = run(['-'], '{"text":"a b c d"}\n[1,2]\n');
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[1]).toMatchObject({ id: 1, story: null });
  });
});
