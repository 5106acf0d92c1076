// Progress on stderr while the benchmark runs, each line stamped with the seconds since it began,
// so that stdout carries the report alone.
export type Say = (line: string) => void;

export function progress(): Say {
  const began = Date.now();
  return (line) => process.stderr.write(`[bench +${((Date.now() - began) / 1000).toFixed(1)}s] ${line}\n`);
}
