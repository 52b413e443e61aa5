import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { parseAppConfig, StartupError, type AppConfig } from './kernel/config';
import { existsSync } from 'node:fs';
import { containProcessFailures } from './kernel/last-resort';
import { APP_CONFIG } from './kernel/kernel.module';

async function bootstrap(): Promise<void> {
  containProcessFailures();
  // Fail fast, before any module starts, with a message naming the setting to change.
  if (existsSync('.env')) process.loadEnvFile('.env');
  parseAppConfig(process.env);
  // Lines logged while the app starts wait for the JSON logger instead of going out in Nest's own format.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port).catch((error: Error & { code?: string }) => {
    throw error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new StartupError(`PORT ${config.port} cannot be listened on (${error.code}): ${error.message}`) : error;
  });
  const logger = new Logger('Uppföljning');
  logger.log(`Listening on http://localhost:${config.port} (API /api/v1, docs /api/docs), database ${config.database.type}`);
}

bootstrap().catch((error: Error) => {
  // A configuration or start-up error is the user's to fix: say it plainly, without a stack trace.
  process.stderr.write(`${error.name === 'ConfigError' || error.name === 'StartupError' ? error.message : error.stack}\n`);
  process.exit(1);
});
