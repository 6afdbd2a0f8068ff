/**
 * The figures of the performance issue, each with its target and PASS/MISS, collected by the parts
 * of the bench and printed as one table at the end. Every target is a ratio or a CPU time, so that
 * a busy machine moves it little; the load average at the start is printed with the table.
 */
export interface Figure {
  name: string;
  measured: string;
  target: string;
  /** undefined: not measured in this run (the reason is in `measured`). */
  pass: boolean | undefined;
}

export class Figures {
  private readonly rows: Figure[] = [];

  add(name: string, measured: string, target: string, pass: boolean | undefined): void {
    this.rows.push({ name, measured, target, pass });
  }

  skipped(name: string, target: string, why: string): void {
    this.add(name, `not measured: ${why}`, target, undefined);
  }

  print(log: (line?: string) => void, loadAtStart: string): void {
    const mark = (pass: boolean | undefined) => (pass === undefined ? '-' : pass ? 'PASS' : 'MISS');
    const header = ['figure', 'measured', 'target', 'result'];
    const cells = this.rows.map((r) => [r.name, r.measured, r.target, mark(r.pass)]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
    log(`Figures (load average at start: ${loadAtStart}):`);
    log(line(header));
    log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const c of cells) log(line(c));
  }
}

export const ms = (v: number | undefined, digits = 2) =>
  v === undefined ? '-' : v.toFixed(digits);
