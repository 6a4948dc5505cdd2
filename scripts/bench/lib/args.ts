import { parseArgs } from 'node:util';

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  quick: boolean;
  json: boolean;
  portBase: number;
}

export const USAGE = `usage: npm run bench:gateway -- [options]

  --duration N    least seconds measured per target and round (default 20, at least 20); the window
                  also lasts until it holds 100 answers, which takes longer on a slow database
  --rounds N      measured rounds per target, alternating the order: direct+gateway, gateway+direct,
                  ... (default 1)
  --warmup N      least uncounted warm-up per run; it also lasts until every connection had an answer (default 3)
  --quick         smoke run: 3 s window with 1 answer at least, 1 s warm-up (figures not meaningful)
  --port-base N   gateway port; the subgraphs take the next four (default 4100, or BENCH_PORT_BASE)
  --json          also print the results as one JSON line at the end
  --help          this text`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

/** Parses the command line; throws with a usage hint on anything unexpected. */
export function parseBenchArgs(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'port-base': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick;
  const durationSeconds = positiveInt('duration', values.duration, quick ? 3 : 20);
  // The issue asks for at least 20 s: shorter runs are too noisy for p99 on a shared machine.
  if (!quick && durationSeconds < 20) throw new Error('--duration must be at least 20 (use --quick for a smoke run)');
  const rounds = positiveInt('rounds', values.rounds, 1);
  if (rounds < 1) throw new Error('--rounds must be at least 1');
  return {
    durationSeconds,
    warmupSeconds: positiveInt('warmup', values.warmup, quick ? 1 : 3),
    rounds,
    quick,
    json: values.json,
    portBase: positiveInt('port-base', values['port-base'] ?? process.env.BENCH_PORT_BASE, 4100),
  };
}
