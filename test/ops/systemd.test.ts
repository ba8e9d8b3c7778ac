// The systemd units in docs/systemd/ as systemd reads them: `systemd-analyze verify` reports nothing
// (it exits 0 even on unknown keys, so its messages are what counts). Skipped where systemd-analyze is
// not installed. Paths are pointed at this checkout and this node so that verify checks real files.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const analyze = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();
const root = fileURLToPath(new URL('../../', import.meta.url));

for (const unit of ['lede-serve.service', 'lede-ingest.service']) {
  it.skipIf(!analyze)(`${unit} passes systemd-analyze verify, with a restart policy and a dedicated user (skipped: systemd-analyze not installed)`, async () => {
    const text = readFileSync(join(root, 'docs/systemd', unit), 'utf8');
    expect(text).toMatch(/^User=lede$/m);
    expect(text).toMatch(/^Restart=(on-failure|always)$/m);
    const dir = mkdtempSync(join(tmpdir(), 'lede-systemd-'));
    try {
      const file = join(dir, unit);
      writeFileSync(file, text.replaceAll('/usr/bin/node', process.execPath).replaceAll('/opt/lede/', root));
      const r = await promisify(execFile)(analyze!, ['verify', file]).then(
        (o) => ({ code: 0, out: o.stdout + o.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
      expect(r.code, r.out).toBe(0);
      // Messages about other units on this machine are not ours; any about this file are failures.
      expect(r.out.split('\n').filter((l) => l.includes(unit))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
