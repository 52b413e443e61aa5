import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/**
 * A real OpenID Connect provider for the tests: the `oidc-provider` package
 * (not code of ours) on 127.0.0.1 and a free port, with one confidential
 * client that must use the authorization code flow with PKCE (S256), and a
 * few accounts whose `groups` claim the app maps to roles.
 *
 * oidc-provider is ESM and Jest runs CommonJS, so the provider runs in a
 * child process of plain Node (which loads ESM from CommonJS), started with
 * the tests' TypeScript loader; it is this same file, run as a program.
 *
 * Its login page is the package's development form (devInteractions): any
 * password is accepted for a known account name. The consent step is skipped
 * for our client, as a city's provider does for its own first-party apps.
 */

export interface TestAccount {
  email: string;
  name: string;
  groups: string[];
}

export interface OidcProviderSettings {
  /** The app's OIDC_REDIRECT_URL, the one redirect the client may use. */
  redirectUri: string;
  /** Where the provider may send the browser after ending its session. */
  postLogoutRedirectUri: string;
  /** Account name (what is typed into the provider's login form) → its claims. */
  accounts: Record<string, TestAccount>;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The OIDC_* settings that point the app at this provider. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const CLIENT_ID = 'uppfoljning';
const CLIENT_SECRET = 'test-only-client-secret-0123456789abcdef';
const CHILD_FLAG = 'UPPFOLJNING_TEST_OIDC_PROVIDER';

export async function startOidcProvider(settings: OidcProviderSettings): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, ['-r', join(__dirname, 'swc-register.cjs'), __filename], {
    env: { ...process.env, [CHILD_FLAG]: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`The test OpenID provider stopped (${code}) before it listened:\n${stderr}`)));
  });
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    env: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: settings.redirectUri,
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** oidc-provider's own types are not installed; this is the little of it the child uses. */
interface Provider {
  callback(): (req: unknown, res: unknown) => void;
  Grant: new (init: { clientId: string; accountId: string }) => Grant;
}
interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface ProviderContext {
  oidc: {
    client: { clientId: string };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    provider: Provider & { Grant: { find(id: string): Promise<Grant | undefined> } };
  };
}

/** The child process: listens, then says where on its first line of output. */
async function runProvider(settings: OidcProviderSettings): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Loaded here, in plain Node, which can require an ES module; Jest never evaluates this.
  const { default: ProviderClass } = (await import('oidc-provider' as string)) as { default: new (issuer: string, config: object) => Provider };
  const provider = new ProviderClass(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [settings.redirectUri],
        post_logout_redirect_uris: [settings.postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // PKCE with S256 on every request, also from this confidential client.
    pkce: { methods: ['S256'], required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = settings.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: true, name: account.name, groups: account.groups }) };
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['test-only-cookie-signing-key'] },
    // The city's provider asks no consent for its own apps: a grant of the requested OIDC scopes is made on the spot.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const { client, session, result, provider: p } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return p.Grant.find(grantId);
      const grant = new p.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

if (process.env[CHILD_FLAG] && process.argv[1] === __filename) {
  runProvider(JSON.parse(process.env[CHILD_FLAG]) as OidcProviderSettings).catch((error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  });
}
