import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './support/free-port';
import { testSigningKeyFile } from './support/signing-key';
import { TEST_DATABASE, TestDatabase } from './support/test-app';

const ROOT = join(__dirname, '..');
/** The `node` user of the official Node.js images, whom the runtime stage runs as. */
const NODE_USER = { uid: 1000, gid: 1000 };

interface Stage {
  name: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  cmd: string[] | null;
  healthcheck: string[] | null;
}

/** The Dockerfile's instructions, continuation lines joined, comments left out. */
function instructions(dockerfile: string): Array<{ op: string; args: string }> {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: line.slice(op.length).trim() };
    });
}

const sh = (command: string, cwd: string) => {
  const result = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: '' } });
  if (result.status !== 0) throw new Error(`RUN ${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
};

/**
 * The production `npm ci`, as written with `--prefer-offline` so npm's cache serves it, and
 * kept as Docker keeps a layer: the next run (the other database's suite, say) takes the
 * node_modules it made from the same instruction, package.json and lock file instead of
 * unpacking them for minutes again. Only the newest such layer is kept, in the system's
 * temporary folder; it is moved into place whole, so a run cut short leaves none half-made.
 */
function productionInstall(args: string, cwd: string): void {
  const key = createHash('sha256').update(args).update(readFileSync(join(cwd, 'package.json'))).update(readFileSync(join(cwd, 'package-lock.json'))).digest('hex');
  const layers = join(tmpdir(), 'uppfoljning-image-layers');
  const layer = join(layers, key.slice(0, 16));
  if (!existsSync(join(layer, 'node_modules'))) {
    sh(`${args} --prefer-offline`, cwd);
    mkdirSync(layers, { recursive: true });
    for (const old of readdirSync(layers)) rmSync(join(layers, old), { recursive: true, force: true });
    const partial = `${layer}.${process.pid}`;
    mkdirSync(partial);
    renameSync(join(cwd, 'node_modules'), join(partial, 'node_modules'));
    renameSync(partial, layer);
  }
  symlinkSync(join(layer, 'node_modules'), join(cwd, 'node_modules'));
}

/**
 * Builds the image's stages the way Docker would, without Docker, in a temporary folder:
 * every instruction of the Dockerfile is followed (an unknown one fails the test), with
 * two substitutions, both said here. `npm ci` with the development dependencies is the
 * repository's node_modules (installed by `npm ci` from the same lock; the rules here do
 * not allow installing them again), linked in. `npm ci --omit=dev` runs as written (see
 * productionInstall). The `node` user is uid 1000, as in the image.
 */
function buildStages(dir: string): Map<string, Stage> {
  const stages = new Map<string, Stage>();
  let stage: Stage | null = null;
  let index = 0;
  const pathIn = (s: Stage, path: string) => (path.startsWith('/') ? join(s.root, path) : join(s.root, s.workdir, path));
  for (const { op, args } of instructions(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))) {
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage-${index}`;
      stage = { name, root: join(dir, name), workdir: '/', env: {}, user: null, cmd: null, healthcheck: null };
      mkdirSync(stage.root, { recursive: true });
      stages.set(name, stage);
      index++;
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    const s: Stage = stage;
    switch (op) {
      case 'WORKDIR':
        s.workdir = args;
        mkdirSync(pathIn(s, '.'), { recursive: true });
        break;
      case 'COPY': {
        const words = args.split(/\s+/);
        const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
        const [dest, ...sources] = words.filter((w) => !w.startsWith('--')).reverse();
        for (const source of sources.reverse()) {
          const origin = from ? pathIn(stages.get(from)!, source) : join(ROOT, source);
          const isDir = statSync(origin).isDirectory();
          const target = dest.endsWith('/') && !isDir ? join(pathIn(s, dest), basename(source)) : pathIn(s, dest);
          cpSync(origin, target, { recursive: true, verbatimSymlinks: true });
        }
        break;
      }
      case 'RUN': {
        const cwd = pathIn(s, '.');
        const started = Date.now();
        if (/^npm ci\b/.test(args) && !args.includes('--omit=dev')) symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'));
        else if (/^npm ci\b/.test(args)) productionInstall(args, cwd);
        else sh(args.replace(/\bchown node:node\b/, `chown ${NODE_USER.uid}:${NODE_USER.gid}`), cwd);
        process.stdout.write(`${s.name}: RUN ${args.slice(0, 60)} ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        break;
      }
      case 'ENV':
        for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) s.env[key] = value;
        break;
      case 'USER':
        s.user = args;
        break;
      case 'CMD':
        s.cmd = JSON.parse(args);
        break;
      case 'HEALTHCHECK':
        s.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 4));
        break;
      case 'VOLUME':
      case 'EXPOSE':
        break;
      default:
        throw new Error(`The test does not know the Dockerfile's ${op}: teach it, so the image stays tested`);
    }
  }
  return stages;
}

/** A command of the image, run in its working folder as its user with its environment. */
function runInImage(s: Stage, command: string[], env: Record<string, string>): ChildProcess {
  const asUser = s.user === 'node' ? ['setpriv', `--reuid=${NODE_USER.uid}`, `--regid=${NODE_USER.gid}`, '--clear-groups', '--'] : [];
  const [program, ...args] = [...asUser, ...command];
  // HOME is the node user's own, as in the image (npm writes its logs there).
  const home = join(s.root, 'home/node');
  mkdirSync(home, { recursive: true });
  chownSync(home, NODE_USER.uid, NODE_USER.gid);
  return spawn(program, args, { cwd: join(s.root, s.workdir), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...s.env, ...env } });
}

const output = (child: ChildProcess) => {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
};

describe(`the production image (the Dockerfile's steps without Docker) on ${TEST_DATABASE}`, () => {
  let dir: string;
  let db: TestDatabase;
  let runtime: Stage;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uppfoljning-image-'));
    // The runtime's user must reach its folder, as in the image.
    chmodSync(dir, 0o755);
    const stages = buildStages(dir);
    runtime = [...stages.values()].at(-1)!;
    // npm ci --omit=dev unpacks some 260 MB: 1–2 minutes here, more on a busy machine.
  }, 480_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds production dependencies, compiled code and its run-time files only, and runs as the node user in production', () => {
    const app = join(runtime.root, runtime.workdir);
    expect(runtime.user).toBe('node');
    expect(runtime.env.NODE_ENV).toBe('production');
    expect(runtime.cmd).toEqual(['node', 'dist/src/main.js']);
    expect(existsSync(join(app, 'node_modules/@nestjs/core'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/jest'))).toBe(false);
    expect(existsSync(join(app, 'dist/src/web/views/layout.eta'))).toBe(true);
    expect(existsSync(join(app, 'dist/src/reports/render/fonts/Roboto-Regular.ttf'))).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
    expect(statSync(join(app, 'var')).uid).toBe(NODE_USER.uid);
  });

  it('starts with a strong secret on an empty database: ready, the health check passes, the sign-in page renders, the worker runs', async () => {
    db = await TestDatabase.create();
    // SQLite: the image's own var/ (its volume); PostgreSQL: a new, empty database.
    const databaseUrl = TEST_DATABASE === 'sqlite' ? 'sqlite:var/tracker.sqlite' : db.url;
    const port = await freePort();
    // Production signs the log with a key kept outside the database: a file the node user may read, as a mounted secret would be.
    const keyFile = join(runtime.root, 'home/node/audit-signing-key.pem');
    mkdirSync(join(runtime.root, 'home/node'), { recursive: true });
    copyFileSync(testSigningKeyFile(), keyFile);
    chownSync(keyFile, NODE_USER.uid, NODE_USER.gid);
    const env = {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'x'.repeat(16) + 'a-strong-secret-for-the-image-test-9f3c',
      REDIS_PREFIX: db.redisPrefix,
      AUDIT_SIGNING_KEY_FILE: keyFile,
    };
    const app = runInImage(runtime, runtime.cmd!, env);
    children.push(app);
    const log = output(app);
    const base = `http://127.0.0.1:${port}`;
    let ready: Response | null = null;
    for (let i = 0; i < 120 && !ready?.ok; i++) {
      if (app.exitCode !== null) throw new Error(`The app stopped (${app.exitCode}):\n${log()}`);
      ready = await fetch(`${base}/api/v1/health/ready`).catch(() => null);
      if (!ready?.ok) await sleep(500);
    }
    expect(ready?.status).toBe(200);
    expect(await ready!.json()).toMatchObject({ database: 'up' });

    const healthcheck = runInImage(runtime, runtime.healthcheck!, env);
    expect(await new Promise((resolve) => healthcheck.on('close', resolve))).toBe(0);

    const signIn = await fetch(`${base}/logga-in`);
    expect(signIn.status).toBe(200);
    const page = await signIn.text();
    expect(page).toContain('<form');
    expect(page).toContain('name="password"');
    expect((await fetch(`${base}/api/v1/health/live`)).status).toBe(200);
    expect(signIn.headers.get('strict-transport-security')).toBeTruthy();

    // The first admin, as the README's first screen says, with the image's npm.
    const admin = runInImage(runtime, ['npm', 'run', 'admin', '--', 'create-admin', '--email', 'ada.admin@stad.se', '--name', 'Ada Admin'], { ...env, PUBLIC_BASE_URL: base });
    const adminLog = output(admin);
    const code = await new Promise((resolve) => admin.on('close', resolve));
    expect({ code, log: code === 0 ? '' : adminLog() }).toEqual({ code: 0, log: '' });
    const link = /^http\S+$/m.exec(adminLog())?.[0];
    expect(link).toBeDefined();
    expect((await fetch(link!)).status).toBe(200);

    const worker = runInImage(runtime, ['node', 'dist/src/worker.js'], env);
    children.push(worker);
    const workerLog = output(worker);
    for (let i = 0; i < 120 && !workerLog().includes('Reminder worker running'); i++) {
      if (worker.exitCode !== null) throw new Error(`The worker stopped (${worker.exitCode}):\n${workerLog()}`);
      await sleep(500);
    }
    expect(workerLog()).toContain('Reminder worker running');
    // Both ran as the node user: the database they made is theirs.
    if (TEST_DATABASE === 'sqlite') expect(statSync(join(runtime.root, runtime.workdir, 'var/tracker.sqlite')).uid).toBe(NODE_USER.uid);
  }, 120_000);
});
