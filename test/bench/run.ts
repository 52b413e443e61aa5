import 'reflect-metadata';
import * as core from './core.bench';

/**
 * `npm run bench`: every benchmark section in one run on one machine,
 * printing figures (never asserting them). A section is a module in this
 * folder exporting `run(log)`; each is run in turn.
 */
export type Log = (line: string) => void;

const SECTIONS: Array<{ name: string; section: { run(log: Log): Promise<void> } }> = [
  { name: 'event store and HTTP', section: core },
  { name: 'reminders', section: { run: async (log) => (await import('./reminders.bench.js')).run(log) } },
  { name: 'reports', section: { run: async (log) => (await import('./reports.bench.js')).run(log) } },
  { name: 'audit', section: { run: async (log) => (await import('./audit.bench.js')).run(log) } },
  { name: 'postgresql', section: { run: async (log) => (await import('./postgres.bench.js')).run(log) } },
  { name: 'growth', section: { run: async (log) => (await import('./growth.bench.js')).run(log) } },
  { name: 'trust', section: { run: async (log) => (await import('./trust.bench.js')).run(log) } },
  { name: 'search', section: { run: async (log) => (await import('./search.bench.js')).run(log) } },
  { name: 'spreadsheets', section: { run: async (log) => (await import('./spreadsheets.bench.js')).run(log) } },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const log: Log = (line) => process.stdout.write(`${line}\n`);
  log(`Uppföljning benchmark — node ${process.version}, ${new Date().toISOString()}`);
  for (const section of SECTIONS) {
    if (only.length && !only.some((o) => section.name.includes(o))) continue;
    log(`\n## ${section.name}`);
    await section.section.run(log);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
