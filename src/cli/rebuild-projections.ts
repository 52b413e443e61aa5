import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { AppModule } from '../app.module';
import { Projector } from '../projections/projector';

/**
 * `npm run projections:rebuild [name …]`: rebuilds the read models from
 * position 0, showing progress, and prints what it did.
 */
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ SEED: 'false', RUN_WORKER: 'false' }), { logger: ['error', 'warn'] });
  const bar = new SingleBar({ format: 'Rebuilding {projection} [{bar}] {value}/{total} events', hideCursor: true }, Presets.shades_classic);
  let started = false;
  const startedAt = Date.now();
  try {
    const result = await app.get(Projector).rebuild(names.length ? names : undefined, ({ projection, processed, total }) => {
      if (!started) bar.start(total, 0, { projection });
      started = true;
      bar.update(processed, { projection });
    });
    if (started) bar.stop();
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(`Rebuilt ${names.length ? names.join(', ') : 'all read models'}: ${result.events} events folded into ${result.rows} rows in ${seconds.toFixed(2)} s\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
