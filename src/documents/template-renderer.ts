import { readdirSync } from 'node:fs';
import { Liquid, type Template } from 'liquidjs';
import { DomainError } from '../errors/domain-errors.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import { countPhrase, formatDecimal } from '../i18n/plural.js';

/**
 * A template that cannot be parsed or rendered: names the file and line, never a stack trace.
 * A fault of the installation, not of the request: 500, with a detail an operator can act on.
 */
export class TemplateError extends DomainError {
  constructor(
    readonly template: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(
      'template-error',
      500,
      'Document template error',
      `Template ${template}${line ? `, line ${line}` : ''}: ${reason}`,
    );
    this.name = 'TemplateError';
  }
}

/**
 * Characters that would change the Markdown a template produces, escaped in every value a
 * template prints ({{ case.title }} cannot start a heading or a table). `| raw` prints a value as is.
 */
export function escapeMarkdown(value: unknown): string {
  return (
    String(value ?? '')
      .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
      // a value at the start of a line must not begin a list ("- x", "1. x"): escape the marker
      .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3')
      .replace(/^(\s*)(\d+)([.)])(\s)/gm, '$1$2\\$3$4')
      .replace(/\r?\n/g, ' ')
  );
}

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The document language, from the template name (statement.de.md.liquid); English otherwise. */
function languageOf(name: string): Language {
  const code = /\.([a-z]{2})\.(md|html)\.liquid$/.exec(name)?.[1];
  return (LANGUAGES as readonly string[]).includes(code ?? '') ? (code as Language) : 'en';
}

/** Where the template's language is kept for the filters (not a name a model uses). */
const LANGUAGE_GLOBAL = '__language';

/**
 * Filters that write numbers as the template's language does:
 * - `{{ n | plural: "ein Ziel", "# Ziele" }}`: the form Intl.PluralRules picks for n (one, other),
 *   "#" being n in the language's digits; an optional third form is used for 0
 *   (`plural: "ein System", "# Systeme", "kein System"`);
 * - `{{ n | number }}`: n with the language's digits (4.357,5 / 4,357.5); anything else as it is.
 */
function registerLanguageFilters(engine: Liquid) {
  const language = (ctx: { getSync?: (p: string[]) => unknown }) => {
    const v = ctx.getSync?.([LANGUAGE_GLOBAL]);
    return (LANGUAGES as readonly string[]).includes(v as string) ? (v as Language) : 'en';
  };
  engine.registerFilter('plural', function (this: { context: object }, value: unknown, ...forms) {
    const n = Number(value);
    const [one, other, zero] = forms.map((f) => String(f));
    if (!Number.isFinite(n) || other === undefined)
      throw new Error('plural needs a number and at least two forms: plural: "one", "# other"');
    if (n === 0 && zero !== undefined) return zero;
    return countPhrase(n, { one, other }, language(this.context));
  });
  engine.registerFilter('number', function (this: { context: object }, value: unknown) {
    if (typeof value !== 'number') return value;
    return formatDecimal(value, language(this.context), 2);
  });
}

interface LiquidErrorLike {
  name?: string;
  message?: string;
  token?: { getPosition?: () => [number, number]; file?: string };
  originalError?: { message?: string };
}

/**
 * The templates of templates/: Liquid (the language of Shopify and Jekyll themes), one file per
 * document and language, e.g. statement.de.md.liquid. Documents are written as Markdown with
 * Liquid tags; the public page as HTML. Unknown variables and filters are errors, not blanks, so
 * a typo in a template shows up at once. Every template is parsed when the service starts.
 */
export class TemplateRenderer {
  private readonly markdown: Liquid;
  private readonly html: Liquid;
  private readonly parsed = new Map<string, Template[]>();

  constructor(private readonly dir: string) {
    const options = {
      root: dir,
      extname: '',
      strictVariables: true,
      strictFilters: true,
      ownPropertyOnly: true,
      cache: true,
      greedy: false,
    };
    this.markdown = new Liquid({ ...options, outputEscape: escapeMarkdown });
    this.html = new Liquid({ ...options, outputEscape: escapeHtml });
    for (const engine of [this.markdown, this.html]) registerLanguageFilters(engine);
  }

  /** Parses every template in the directory; throws the first TemplateError. */
  checkAll(): string[] {
    const names = readdirSync(this.dir).filter((f) => f.endsWith('.liquid'));
    for (const name of names) this.parse(name);
    return names;
  }

  /** The file name of a document template: `<document>.<language>.md.liquid`. */
  static documentTemplate(document: string, language: Language) {
    return `${document}.${language}.md.liquid`;
  }

  render(name: string, model: object): string {
    const engine = name.endsWith('.html.liquid') ? this.html : this.markdown;
    const templates = this.parse(name);
    try {
      return engine.renderSync(templates, model, {
        globals: { [LANGUAGE_GLOBAL]: languageOf(name) },
      }) as string;
    } catch (e) {
      throw this.toTemplateError(name, e);
    }
  }

  private parse(name: string): Template[] {
    if (!/^[a-z0-9-]+(\.[a-z]{2})?\.(md|html)\.liquid$/.test(name))
      throw new TemplateError(name, null, 'not a template name (<name>.<language>.md.liquid)');
    const cached = this.parsed.get(name);
    if (cached) return cached;
    const engine = name.endsWith('.html.liquid') ? this.html : this.markdown;
    try {
      const templates = engine.parseFileSync(name);
      this.parsed.set(name, templates);
      return templates;
    } catch (e) {
      throw this.toTemplateError(name, e);
    }
  }

  private toTemplateError(name: string, e: unknown): TemplateError {
    const err = e as LiquidErrorLike;
    if (
      (err as { code?: string }).code === 'ENOENT' ||
      /ENOENT|Failed to lookup/.test(err.message ?? '')
    )
      return new TemplateError(name, null, 'file not found in the templates directory');
    const position = err.token?.getPosition?.();
    const file = err.token?.file ? err.token.file.split(/[\\/]/).pop()! : name;
    // liquidjs appends ", file:…, line:…, col:…" to its messages; we say where ourselves.
    const reason = (err.originalError?.message ?? err.message ?? String(e)).replace(
      /,? (file:\S+, )?line:\d+, col:\d+$/,
      '',
    );
    return new TemplateError(file, position ? position[0] : null, reason);
  }
}
