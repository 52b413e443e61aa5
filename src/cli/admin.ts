import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { LINK_VALIDITY_MS, PasswordLinks } from '../auth/password-links';
import { Users } from '../auth/users';
import { writeContext } from '../event-store/command-runner';
import { SYSTEM_ACTOR } from '../kernel/actor';
import { UserAccounts } from '../users/user-accounts';
import { normalEmail } from '../kernel/email-address';

const USAGE = `Användning / Usage:
  npm run admin -- create-admin --email <e-post> --name <namn> [--language sv|en]

  Skapar en administratör och skriver ut en länk där hen väljer sitt lösenord.
  Länken fungerar en gång och gäller i 7 dagar. Finns en aktiv administratör med
  adressen redan skrivs en ny länk ut (den gamla slutar gälla); hör adressen
  till någon annan användare avbryts kommandot (slutkod 1).

  Creates an admin and prints a link to choose their password. The link works
  once and is valid for 7 days. When an active admin with the address exists,
  a new link is printed instead (the old one stops working); when the address
  belongs to any other user, it stops (exit code 1).
`;

/** Nest's warnings and errors (Redis unreachable, …) go to standard error: standard output is what the operator, or a script, reads the link from. */
const toStandardError = (level: string) => (message: unknown, ...context: unknown[]) => {
  process.stderr.write(`${level} ${[message, ...context].map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}\n`);
};
const STDERR_LOGGER: LoggerService = { log: () => undefined, warn: toStandardError('WARN'), error: toStandardError('ERROR') };

/** Wrong arguments: the usage, and exit code 2, as command-line tools do. */
class UsageError extends Error {}

interface CreateAdmin {
  email: string;
  name: string;
  language: 'sv' | 'en';
}

export function parseAdminArgs(argv: string[]): CreateAdmin | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { email: { type: 'string' }, name: { type: 'string' }, language: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      tokens: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals, tokens } = parsed;
  // parseArgs keeps the last of a repeated option: `--email a --email b` would make b an admin without a word.
  const options = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  const repeated = options.find((name, i) => options.indexOf(name) !== i);
  if (repeated) throw new UsageError(`--${repeated} får anges en gång / --${repeated} is given once`);
  if (values.help) return 'help';
  if (positionals.length !== 1 || positionals[0] !== 'create-admin') {
    throw new UsageError(positionals.length ? `Okänt kommando / unknown command: ${positionals.join(' ')}` : 'Ange ett kommando / give a command');
  }
  const email = normalEmail(values.email ?? '');
  const name = values.name?.trim() ?? '';
  if (!isEmail(email) || email.length > 320) throw new UsageError('--email behöver en e-postadress / --email needs an email address');
  if (!name || name.length > 200) throw new UsageError('--name behöver ett namn (högst 200 tecken) / --name needs a name (at most 200 characters)');
  const language = values.language ?? 'sv';
  if (language !== 'sv' && language !== 'en') throw new UsageError('--language är sv eller en / --language is sv or en');
  return { email, name, language };
}

/**
 * `npm run admin -- create-admin --email <e> --name <n>`: the first admin of
 * a new installation (where nobody can sign in yet), made through the users
 * aggregate as the system, from the command line; then a single-use link to
 * choose the password. Run again with the address of an active admin, it
 * prints a fresh link, for an admin who lost the first one; an address that
 * belongs to anyone else is refused, since the command line does not change
 * roles (an admin does, with a reason, in the UI).
 */
async function createAdmin(app: INestApplicationContext, admin: CreateAdmin): Promise<number> {
  const users = app.get(Users);
  const links = app.get(PasswordLinks);
  const validUntil = () => new Date(Date.now() + LINK_VALIDITY_MS.welcome).toISOString().replace(/\.\d+Z$/, 'Z');
  const existing = await users.findByEmail(admin.email);
  if (existing) {
    if (existing.role !== 'admin' || existing.deactivatedAt !== null) {
      process.stderr.write(
        `Det finns redan en användare med ${admin.email}, men inte en aktiv administratör: ändra hen i användaradministrationen.\n` +
          `A user with ${admin.email} exists but is not an active admin: change them in the user administration.\n`,
      );
      return 1;
    }
    const url = await links.issue(existing.id, 'welcome');
    process.stdout.write(
      `Administratören ${admin.email} finns redan. Ny länk för att välja lösenord (gäller en gång, till ${validUntil()}):\n` +
        `The admin ${admin.email} already exists. A new link to choose the password (works once, until ${validUntil()}):\n\n${url}\n`,
    );
    return 0;
  }
  const { id } = await app.get(UserAccounts).create(
    { ...admin, role: 'admin', unit: null, source: 'cli' },
    writeContext(SYSTEM_ACTOR, { correlationId: `cli-create-admin-${randomUUID()}` }),
    'Administratör skapad från kommandoraden (npm run admin -- create-admin)',
  );
  const url = await links.issue(id, 'welcome');
  process.stdout.write(
    `Administratören ${admin.name} <${admin.email}> är skapad. Välj lösenord via länken (gäller en gång, till ${validUntil()}):\n` +
      `The admin ${admin.name} <${admin.email}> has been created. Choose the password through the link (works once, until ${validUntil()}):\n\n${url}\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  let command: CreateAdmin | 'help';
  try {
    command = parseAdminArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  // No reminders are sent from here; the log stays quiet so the link is what the operator reads.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ RUN_WORKER: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }), {
    logger: STDERR_LOGGER,
    // A configuration that is refused (a weak JWT_SECRET in production) is an error to print, not a crash.
    abortOnError: false,
  });
  try {
    return await createAdmin(app, command);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
