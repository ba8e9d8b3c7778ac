// A Lede process that holds a store open until it is told to stop (SIGTERM): what `lede restore` must
// refuse to replace. Prints "held" once the store is open.
//   node bin/run-ts.js test/cli/hold-store.ts DATABASE_URL
import { openStore } from '../../src/store/index.ts';

const repo = await openStore(process.argv[2]!);
process.stdout.write('held\n');
const keepAlive = setInterval(() => {}, 60_000);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void repo.close().then(() => process.exit(0));
});
