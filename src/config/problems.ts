/** The environment as the loader sees it: only variables that are set and not empty. */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {}

/** Collects every bad setting, so that one start-up message names them all. */
export class Problems {
  private readonly lines: string[] = [];

  readonly bad = (name: string, value: string | undefined, message: string): void => {
    // Never echo a secret back, not even into a start-up log.
    const shown = /PASSWORD|SECRET|KEY$/.test(name) ? '(hidden)' : JSON.stringify(value ?? '');
    this.lines.push(`  ${name}=${shown}: ${message}`);
  };

  throwIfAny(): void {
    if (this.lines.length)
      throw new ConfigError(`Invalid configuration:\n${this.lines.join('\n')}`);
  }
}
