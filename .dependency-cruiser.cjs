/**
 * Architecture rules, checked by `npm run lint` (dependency-cruiser): no import cycles, and the
 * folders of src/ in layers that import only downwards. A folder may import its own layer's
 * folders only where a rule below says so. README "How the code is laid out" draws the same order.
 */
const LAYERS = [
  ['domain', 'errors', 'config', 'access'], // vocabulary, error types, settings, roles and visibility SQL
  ['common', 'i18n'], // HTTP plumbing, clock, validators; languages, labels, formatters
  ['database'], // data source, embedded database, migrations runner, unit of work
  ['audit'], // the audit trail, its sequencer, checkpoints and verification
  ['backup', 'web'], // backups, restore and the move to PostgreSQL; serving the built web app
  ['records'], // the generic record service (create/update/delete, audited, versioned)
  ['documents', 'auth'], // PDF and HTML rendering; sign-in, tokens, the access guard
  ['users', 'authorities', 'inventory', 'units'], // accounts; the directories; the organisation's units
  ['cases'], // cases and their parts (cases/parts/, one folder per part), legal clocks
  ['files'], // documents in the case file: uploads, versions, the file store
  ['bundle', 'redaction'], // the case bundle and its offline verifier; redacted public copies
  ['reminders', 'canary'], // reminders, outbox and calendar feeds; the warrant canary
  ['reports'], // transparency reports
  ['publications', 'health'], // published statements and reports, public routes; health
  ['cli'], // command-line tools (beside main.ts, app.module.ts, app.factory.ts, entities.ts)
];

const folders = (names) => `^src/(${names.join('|')})/`;
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import a higher layer (${LAYERS.slice(i + 1).flat().join(', ')}) nor the composition root`,
  severity: 'error',
  from: { path: folders(layer) },
  to: { path: [folders(LAYERS.slice(i + 1).flat()), '^src/[^/]+\\.ts$'] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make a change in one file ripple through others in both directions.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'repository-imports-no-service',
      comment: 'Repositories hold SQL; they are used by services and use none.',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.(service|controller)\\.ts$' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
