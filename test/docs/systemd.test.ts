// The systemd units in docs/systemd are checked by systemd itself (`systemd-analyze verify`): no unknown
// key, no bad value, a command that exists. Skipped, with the reason, where systemd-analyze is absent.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../docs/systemd');
const UNITS = ['lede-serve.service', 'lede-ingest.service'];
const analyze = (() => {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('systemd units', () => {
  for (const unit of UNITS) {
    it.skipIf(!analyze)(`${unit} passes systemd-analyze verify (skipped: systemd-analyze is not installed here)`, () => {
      const r = spawnSync('systemd-analyze', ['verify', join(DIR, unit)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr.trim()).toBe('');
    });
    it(`${unit} restarts on failure and runs as its own user`, () => {
      const text = readFileSync(join(DIR, unit), 'utf8');
      expect(text).toMatch(/^User=lede$/m);
      expect(text).toMatch(/^Restart=(on-failure|always)$/m);
      expect(text).toMatch(/^ExecStart=.*lede\.js (serve|ingest)$/m);
    });
  }
});
