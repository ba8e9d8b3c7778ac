// Runs a check with one entity rule switched off (nerRules), switching it back on whatever happens: the tests of
// a rule assert what it does by what changes without it.
import { nerRules } from '../../../../src/pipeline/enrich/ner/index.ts';

export function withRuleOff<T>(rule: keyof typeof nerRules, f: () => T): T {
  nerRules[rule] = false;
  try { return f(); } finally { nerRules[rule] = true; }
}
