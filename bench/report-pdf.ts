/**
 * The transparency report PDF over a seeded schema, in a process of its own (so that its peak RSS
 * is the PDF's, not that of whatever ran before in the bench's process). Parent side:
 * reportPdfInChild(); the child runs benchReportPdf (bench/documents.ts) and sends the result.
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchReportPdf } from './documents.js';

export interface ReportPdfFigure {
  cases: number | null;
  medianMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  bytes: number;
}

interface Args {
  databaseUrl: string;
  schema: string;
  from: string;
  to: string;
  runs: number;
}

export function reportPdfInChild(
  args: Args,
  log: (line?: string) => void,
): Promise<ReportPdfFigure> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(args)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      for (const line of text.split('\n')) if (line) log(line);
    });
    let result: ReportPdfFigure | undefined;
    child.on('message', (message) => {
      result = message as ReportPdfFigure;
    });
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`report PDF child exited with code ${code}`)),
    );
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = JSON.parse(process.argv[2] ?? '{}') as Args;
  benchReportPdf(
    args.databaseUrl,
    args.schema,
    new Date(args.from),
    new Date(args.to),
    args.runs,
    (line) => process.stdout.write(`${line}\n`),
  ).then(
    (r) => {
      process.send?.(
        {
          cases: r.cases,
          medianMs: r.medianMs,
          peakRssMb: r.peakRssMb,
          baselineRssMb: r.baselineRssMb,
          bytes: r.bytes,
        } satisfies ReportPdfFigure,
        () => process.exit(0),
      );
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
