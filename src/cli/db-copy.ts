import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { READ_MODELS } from '../read-models';
import { describeDatabase as describe } from '../kernel/config';
import { copyInstallation, parseDatabaseUrl, type CopyProgress } from './copy-installation';
import { progressBar } from './progress';

const USAGE = 'Usage: npm run db:copy -- --from sqlite:var/tracker.sqlite --to postgres://user:password@host:5432/database';

/**
 * `npm run db:copy -- --from <database> --to <database>`: moves a whole installation to
 * another, empty database (SQLite to PostgreSQL, or back), with progress on stderr and
 * a summary on stdout. Stop the app first: what is written after the copy began stays behind.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
  if (!values.from || !values.to) throw new Error(`${USAGE}\nBoth --from and --to are needed.`);
  const from = parseDatabaseUrl(values.from);
  const to = parseDatabaseUrl(values.to);
  process.stderr.write(`Copying ${describe(from)} to ${describe(to)}\n`);
  const bar = progressBar();
  let current = '';
  const startedAt = Date.now();
  const summary = await copyInstallation(from, to, READ_MODELS, (p: CopyProgress) => {
    const label = p.table ? `${p.step} ${p.table}` : p.step;
    if (label !== current) {
      bar.stop();
      bar.start(p.total, p.done, { label });
      current = label;
    }
    bar.update(p.done, { label });
  });
  bar.stop();
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const tables = Object.entries(summary.tables).map(([name, rows]) => `${name} ${rows}`).join(', ');
  process.stdout.write(
    `Copied ${summary.events} events to ${describe(to)} in ${seconds} s; head hash ${summary.headHash}; chain verified on the target.\n` +
      `Rebuilt read models (${summary.readModels.join(', ')}): ${summary.readModelRows} rows.\n` +
      `Copied tables: ${tables || 'none'}.\n` +
      Object.entries(summary.skipped).map(([name, why]) => `Not copied: ${name} (${why}).\n`).join(''),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`\ndb:copy: ${error.message}\n`);
  process.exit(1);
});
