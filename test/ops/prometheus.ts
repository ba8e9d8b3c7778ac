// A strict parser of the Prometheus text exposition format (0.0.4), enough to reject malformed output:
// every sample line is `name{label="value",...} number`, every family has HELP and TYPE before its
// samples, names and labels are valid, and no sample repeats. Hand-written because the maintained
// parsers on npm are clients for other languages' tooling or unmaintained.
export interface Sample { name: string; labels: Record<string, string>; value: number }

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function parsePrometheus(text: string): Sample[] {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const seen = new Set<string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.split('\n').slice(0, -1).entries()) {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m) { if (/^# (HELP|TYPE)/.test(line)) throw new Error(`bad comment, ${where}`); continue; }
      if (!NAME.test(m[2]!)) throw new Error(`bad metric name, ${where}`);
      if (m[1] === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(m[3]!)) throw new Error(`bad type, ${where}`);
        if (types.has(m[2]!)) throw new Error(`TYPE twice, ${where}`);
        types.set(m[2]!, m[3]!);
      } else helps.add(m[2]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    if (!m) throw new Error(`bad sample, ${where}`);
    const labels: Record<string, string> = {};
    if (m[3]) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
      let at = 0;
      while (at < m[3].length) {
        re.lastIndex = at;
        const l = re.exec(m[3]);
        if (!l || !LABEL.test(l[1]!)) throw new Error(`bad labels, ${where}`);
        if (l[1]! in labels) throw new Error(`label twice, ${where}`);
        labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
        at = re.lastIndex;
      }
    }
    const raw = m[4]!;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : raw === 'NaN' ? NaN : Number(raw);
    if (Number.isNaN(value) && raw !== 'NaN') throw new Error(`bad value, ${where}`);
    const family = [...types.keys()].find((f) => m[1] === f || (['histogram', 'summary'].includes(types.get(f)!) && /^(_bucket|_sum|_count)$/.test(m[1]!.slice(f.length)) && m[1]!.startsWith(f)));
    if (!family) throw new Error(`sample before its TYPE, ${where}`);
    if (!helps.has(family)) throw new Error(`no HELP for ${family}`);
    const key = m[1] + JSON.stringify(Object.entries(labels).sort());
    if (seen.has(key)) throw new Error(`sample twice, ${where}`);
    seen.add(key);
    samples.push({ name: m[1]!, labels, value });
  }
  return samples;
}

/** The value of the one sample with this name whose labels include `labels` (0 when absent: an unset counter). */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const hits = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (hits.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${hits.length} samples`);
  return hits[0]?.value ?? 0;
}
