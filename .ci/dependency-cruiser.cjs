/**
 * Domain code (events, decide, evolve, rules) imports no framework: not Nest,
 * TypeORM, BullMQ, ioredis, nodemailer or class-validator, and nothing outside
 * other domain folders and the kernel's plain modules.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-framework',
      severity: 'error',
      comment: 'Domain code must stay framework-free (STYLE.md §5).',
      from: { path: '^src/[^/]+/domain/' },
      to: { path: 'node_modules/(@nestjs|typeorm|bullmq|ioredis|nodemailer|class-validator|class-transformer|express|pg|better-sqlite3)' },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'Domain code may import other domain code and the kernel\'s plain modules only.',
      from: { path: '^src/[^/]+/domain/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^src/',
        pathNot: ['^src/[^/]+/domain/', '^src/kernel/(actor|domain-error|clock|calendar|status-words|recorded|html|swedish-stem|format-integer|email-address)\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other in a loop cannot be understood, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'event-store-imports-no-capability',
      severity: 'error',
      comment: 'The event store sits below every capability: read models and reactions subscribe to it, it knows none of them.',
      from: { path: '^src/event-store/' },
      to: { path: '^src/(projections|recommendations|reviews|cycles|reminders|reports|audit|auth|users|units|sso|passwords|web|seed|health)/' },
    },
    {
      name: 'web-imports-no-api-controller',
      severity: 'error',
      comment: 'A page calls the query and command handlers and asks the permissions table, as the API does; it never reaches into an API controller.',
      from: { path: '(^src/web/|\\.web\\.ts$)' },
      to: { path: '\\.http(\\.controller)?\\.ts$' },
    },
    {
      name: 'shell-imports-no-capability',
      severity: 'error',
      comment:
        'src/web is the shell (layout, session, CSRF, language, error pages): every capability registers its pages in its own module and uses the shell, never the other way round. ' +
        "The shell reads who is signed in from auth/ (below it) and signs people in and out with it, and names units with its own unit-names.ts (the units table's names, read by every page); the pages' words are the shell's one dictionary (src/web/words/, a section per capability).",
      from: { path: '^src/web/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/(recommendations|reviews|cycles|reminders|reports|audit|users|units|sso|passwords|public|health|seed)/' },
    },
    {
      name: 'no-reaching-into-another-capability',
      severity: 'error',
      comment:
        "A use case's folder (src/<capability>/<use-case>/: its controllers, page, template, helpers) is its capability's own. " +
        "Other capabilities use the capability's top-level files (its module, views, projection, shared pages and requests), its domain/, " +
        "and what one capability may send another on the buses: a use case's query (*.query.ts) and its request with the function that makes the command (*.request.ts), " +
        "as the public page asks for recommendations and the review page registers one. Reminders' machinery (queue/, delivery/, mail/, planning/) is reached only through what RemindersModule exports (the health probes ask its relay and reconciler).",
      from: { path: '^src/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^src/(recommendations|reviews|cycles|reminders|reports|audit|auth|users|units|sso|passwords|public|health|seed)/[^/]+/',
        pathNot: ['^src/$1/', '^src/[^/]+/domain/', '\\.(query|request)\\.ts$', '^src/reminders/queue/(outbox-relay|reminder-reconciler)\\.ts$'],
      },
    },
    {
      name: 'kernel-imports-only-kernel',
      severity: 'error',
      comment: 'The kernel is the ground floor: everything may use it, it uses nothing of the app.',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
    {
      name: 'report-worker-loads-no-framework',
      severity: 'error',
      comment:
        'The report worker thread (and all it imports) loads no framework: @nestjs/common is an ES module that compiled CommonJS loads with require(), ' +
        'and on Node 20 a worker stopped while doing so aborts the whole process. It reads with its own connection (pg, better-sqlite3) and renders. ' +
        "(TypeORM is not listed: database.ts imports its DataSource as a type only, which the compiler erases, and a reachable rule cannot tell such an import apart.)",
      from: { path: '^src/reports/generate-report/report-worker\\.ts$' },
      to: { path: 'node_modules/(@nestjs|bullmq|ioredis|nodemailer|class-validator|class-transformer|express|rxjs)', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
