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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
