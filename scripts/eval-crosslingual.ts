// Arabic/English story joining on test/fixtures/arabic/pairs.jsonl (31 events written for this repository,
// each in English and Arabic; 16 of them share names with another event). Prints the pair-join rate and the
// false-join rate (pairs of articles on different events that share names; those of them the Arabic
// articles add, where the English articles of the two events are in different stories; and any different events).
//   node bin/run-ts.js scripts/eval-crosslingual.ts [--options '{"joinThreshold":0.2}'] [--file test/fixtures/arabic/pairs-check.jsonl]
// pairs-check.jsonl holds 14 more events (7 confounding pairs) written before the join decision was changed,
// to check that a change measured on pairs.jsonl generalises.
import { readFileSync } from 'node:fs';
import { scoreCrossLingual, type PairDoc } from '../src/pipeline/stories/pair-metrics.ts';

const fileIdx = process.argv.indexOf('--file');
const file = fileIdx > 0 ? process.argv[fileIdx + 1]! : new URL('../test/fixtures/arabic/pairs.jsonl', import.meta.url);
const docs = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PairDoc);
const optIdx = process.argv.indexOf('--options');
const s = await scoreCrossLingual(docs, optIdx > 0 ? JSON.parse(process.argv[optIdx + 1]!) : {});
const pct = (x: number) => (100 * x).toFixed(1) + ' %';
console.log('| events in 2 languages | pair-join rate | confounding pairs | false-join rate | of which added by Arabic (pairs) | different-event pairs | false joins (any) |');
console.log('|---|---|---|---|---|---|---|');
console.log(`| ${s.pairs} | ${pct(s.pairJoinRate)} | ${s.confoundPairs} | ${pct(s.falseJoinRate)} | ${pct(s.crossFalseJoinRate)} (${s.crossPairs}) | ${s.differentPairs} | ${pct(s.anyFalseJoinRate)} |`);
// The same confounding events with their English articles alone: the English clusterer's own false joins.
const en = await scoreCrossLingual(docs.filter((d) => d.language === 'en'), optIdx > 0 ? JSON.parse(process.argv[optIdx + 1]!) : {});
console.log(`\nEnglish articles alone: ${en.confoundPairs} confounding pairs, false-join rate ${pct(en.falseJoinRate)}; any different events ${pct(en.anyFalseJoinRate)}.`);
