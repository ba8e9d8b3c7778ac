// The `lede` command runs from one esbuild bundle of src/, kept in node_modules/.cache/lede-cli and rebuilt
// whenever a source file is newer. Why not tsx alone: tsx compiles each of ~250 modules through a loader
// thread on every start (0.9 s before `lede extract` reads its first page, 0.35 s from the bundle), and the
// CLI is measured whole-process on hundreds of inputs. There is still no build step to run by hand: a
// stale or missing bundle is rebuilt here (~0.3 s), and any failure falls back to tsx.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** Builds kept besides the newest, for processes still running from them (they load chunks lazily). */
const KEEP = 3;
/** The prepare thread's entry, beside main.js (src/jobs/prepare-pool.ts finds it through LEDE_PREPARE_WORKER). */
const WORKER = 'prepare-worker';

/** What the bundle is built from: every source file's path, size and time (a rename or deletion counts). */
function sourceStamp(root) {
  const h = createHash('sha256').update(root);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const s = statSync(p);
        h.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(join(root, 'src'));
  return h.digest('hex').slice(0, 16);
}

async function build(root, outdir) {
  const { build } = await import('esbuild');
  await build({
    // The ingest's prepare threads start from their own entry in the same bundle: through tsx, each thread
    // compiled every module again on its start (~1 s of CPU per ingest process, measured under load).
    entryPoints: {
      main: join(root, 'src', 'cli', 'main.ts'),
      ...(existsSync(workerSource(root)) ? { [WORKER]: workerSource(root) } : {}),
    },
    bundle: true,
    splitting: true, // each command stays a chunk loaded on demand
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked', // read only where bin/lede.js turns source maps on
    outdir,
    logLevel: 'silent',
    plugins: [{
      // Sources find their data files next to themselves (new URL('./data/…', import.meta.url)): each
      // module keeps its own source address inside the bundle.
      name: 'source-address',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (a) => ({
          contents: (await readFile(a.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)),
          loader: 'ts',
        }));
      },
    }],
  });
}

const workerSource = (root) => join(root, 'src', 'jobs', 'prepare-worker.ts');

/** The bundled prepare-thread entry that goes with the bundled entry point `entry`, or null. */
export function workerEntry(entry) {
  const worker = join(dirname(entry), `${WORKER}.js`);
  return existsSync(worker) ? worker : null;
}

/**
 * The bundled entry point of `root`/src/cli/main.ts, built first when missing or stale; null when it cannot
 * be (tsx runs then) or LEDE_CLI_BUNDLE=0.
 */
export async function cliEntry(root = ROOT) {
  if (process.env.LEDE_CLI_BUNDLE === '0') return null;
  const cache = join(root, 'node_modules', '.cache', 'lede-cli');
  try {
    const stamp = sourceStamp(root);
    const dir = join(cache, stamp);
    const entry = join(dir, 'main.js');
    try {
      statSync(entry);
      return entry;
    } catch {
      // not built yet
    }
    mkdirSync(cache, { recursive: true });
    const tmp = join(cache, `.tmp-${process.pid}-${Date.now()}`);
    await build(root, tmp);
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process built the same sources first
    }
    prune(cache, stamp);
    return entry;
  } catch {
    return null;
  }
}

function prune(cache, current) {
  const builds = readdirSync(cache, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== current && !e.name.startsWith('.'))
    .map((e) => ({ name: e.name, t: statSync(join(cache, e.name)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const old of builds.slice(KEEP)) rmSync(join(cache, old.name), { recursive: true, force: true });
}
