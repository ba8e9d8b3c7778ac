// `lede` runs from a bundle of src/ cached in node_modules/.cache: it must always run the sources as they
// are now (a changed file is rebuilt before the next run) and modules must still find their data files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEntry, workerEntry } from '../../bin/cli-build.js';

const root = mkdtempSync(join(tmpdir(), 'lede-cli-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeSources(greeting: string, when: Date): void {
  mkdirSync(join(root, 'src', 'cli', 'data'), { recursive: true });
  const main = join(root, 'src', 'cli', 'main.ts');
  const words = join(root, 'src', 'cli', 'words.ts');
  writeFileSync(join(root, 'src', 'cli', 'data', 'name.txt'), 'world');
  writeFileSync(words, `import { readFileSync } from 'node:fs';\nexport const name: string = readFileSync(new URL('./data/name.txt', import.meta.url), 'utf8');\n`);
  writeFileSync(main, `import { name } from './words.ts';\nconst greeting: string = ${JSON.stringify(greeting)};\nconsole.log(\`\${greeting}, \${name}\`);\n`);
  utimesSync(main, when, when);
}

const run = (entry: string) => spawnSync(process.execPath, [entry], { encoding: 'utf8' }).stdout.trim();

describe('the lede command bundle', () => {
  it('runs the sources as they are, rebuilt after a change, with data files found beside their module', async () => {
    writeSources('hello', new Date('2026-01-01T00:00:00Z'));
    const first = await cliEntry(root);
    expect(first).not.toBeNull();
    expect(run(first!)).toBe('hello, world');
    expect(await cliEntry(root)).toBe(first); // unchanged sources: the same build, no rebuild

    writeSources('goodbye', new Date('2026-01-02T00:00:00Z'));
    const second = await cliEntry(root);
    expect(second).not.toBe(first);
    expect(run(second!)).toBe('goodbye, world');
  });

  it('bundles the ingest prepare thread\'s entry beside the command\'s, finding its data files too', async () => {
    writeSources('hello', new Date('2026-01-09T00:00:00Z'));
    const entry = await cliEntry(root);
    expect(workerEntry(entry!)).toBeNull(); // sources without a prepare thread: no entry for one
    mkdirSync(join(root, 'src', 'jobs'), { recursive: true });
    writeFileSync(join(root, 'src', 'jobs', 'prepare-worker.ts'), `import { name } from '../cli/words.ts';\nconsole.log(\`thread, \${name}\`);\n`);
    const withWorker = await cliEntry(root);
    expect(withWorker).not.toBe(entry);
    expect(run(workerEntry(withWorker!)!)).toBe('thread, world');
    rmSync(join(root, 'src', 'jobs'), { recursive: true });
  });

  it('keeps a few older builds for processes still running from them, not every one', async () => {
    for (let day = 3; day <= 8; day++) {
      writeSources(`day ${day}`, new Date(`2026-01-0${day}T00:00:00Z`));
      await cliEntry(root);
    }
    const builds = readdirSync(join(root, 'node_modules', '.cache', 'lede-cli')).filter((n) => !n.startsWith('.'));
    expect(builds.length).toBe(4);
  });
});
