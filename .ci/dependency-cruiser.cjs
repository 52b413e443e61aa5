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
        pathNot: ['^src/[^/]+/domain/', '^src/kernel/(actor|domain-error|clock|calendar)\\.ts$'],
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
      to: { path: '^src/(projections|recommendations|reviews|cycles|reminders|reports|audit|auth|web|seed|health)/' },
    },
    {
      name: 'web-imports-no-api-controller',
      severity: 'error',
      comment: 'A page calls the query and command handlers and asks the permissions table, as the API does; it never reaches into an API controller.',
      from: { path: '^src/web/' },
      to: { path: '\\.http\\.controller\\.ts$' },
    },
    {
      name: 'kernel-imports-only-kernel',
      severity: 'error',
      comment: 'The kernel is the ground floor: everything may use it, it uses nothing of the app.',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
