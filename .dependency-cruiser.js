/**
 * Layer rules, checked in CI (`npm run lint`):
 * - apps never import each other;
 * - a library is entered only through its `src/index.ts`;
 * - platform libraries know no bounded context;
 * - the appraisal engine imports nothing outside itself (no Nest, TypeORM, BullMQ, Node I/O).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-app',
      comment: 'apps/api and apps/worker are separate processes composed from libs.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'library-only-through-index',
      comment: 'Another library is entered only through its index.ts.',
      severity: 'error',
      from: { path: '^libs/((platform/)?[^/]+)/src/' },
      to: { path: '^libs/((platform/)?[^/]+)/src/', pathNot: ['^libs/$1/src/', '^libs/(platform/)?[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-and-migrations-use-library-index',
      severity: 'error',
      from: { path: '^(apps|migrations)/' },
      to: { path: '^libs/', pathNot: '^libs/(platform/)?[^/]+/src/index\\.ts$' },
    },
    {
      name: 'platform-knows-no-context',
      comment: 'Platform libraries carry no business rules and import no bounded context.',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(access|cases|audit|appraisal|policies|reference-lists|integrations|notifications)/' },
    },
    {
      name: 'kernel-is-self-contained',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { pathNot: '^libs/kernel/' },
    },
    {
      name: 'appraisal-engine-is-pure',
      comment: 'The engine is pure TypeScript: no Nest, TypeORM, BullMQ, Redis, pg or Node I/O, no other library.',
      severity: 'error',
      from: { path: '^libs/appraisal/' },
      to: { pathNot: '^libs/appraisal/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|/testing/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
