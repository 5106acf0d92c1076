// Reading Prometheus' text format in tests: each sample by name and labels, and the metric names a
// target serves (a histogram's _bucket, _sum and _count are its own name).
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  text: string;
  samples: Sample[];
  /** Every metric name served: those declared by # TYPE, and each sample's. */
  names: Set<string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): Scrape {
  const samples: Sample[] = [];
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const declared = /^# TYPE (\S+) (\w+)/.exec(line);
    if (declared) names.add(declared[1]!);
    const sample = line.startsWith('#') ? null : SAMPLE.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(LABEL)].map((match) => [match[1]!, match[2]!]));
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
    names.add(sample[1]!);
  }
  return { text, samples, names };
}

export async function scrape(url: string): Promise<Scrape> {
  const answer = await fetch(url);
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
  return parsePrometheusText(await answer.text());
}

/** The sum of the samples named so whose labels include `labels`. */
export function total(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  return scraped.samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value)).reduce((sum, s) => sum + s.value, 0);
}

/** Whether any sample is named so with these labels. */
export function has(scraped: Scrape, name: string, labels: Record<string, string> = {}): boolean {
  return scraped.samples.some((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
}
