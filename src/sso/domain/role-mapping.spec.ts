import { parseAppConfig } from '../../kernel/config';
import { claimValues, mapRole } from './role-mapping';

const rulesOf = (map: Record<string, unknown>) =>
  parseAppConfig({ OIDC_ISSUER: 'https://login.stad.se', OIDC_CLIENT_ID: 'uf', OIDC_REDIRECT_URL: 'https://uf.stad.se/api/v1/auth/oidc/callback', OIDC_ROLE_MAP: JSON.stringify(map) })
    .oidc!.roleMap;

const STOCKHOLM = rulesOf({
  'sfi-handlaggare': { role: 'officer', unit: 'sfi' },
  'utredning-handlaggare': { role: 'officer', unit: 'utredning' },
  'sfi-chefer': { role: 'unit_head', unit: 'sfi' },
  'uppfoljning-revisorer': { role: 'auditor' },
  'uppfoljning-admin': { role: 'admin' },
  'namndsekreterare': { role: 'secretary' },
});

describe('mapping the role claim to a role and unit', () => {
  it('gives the rule of the one matching value', () => {
    expect(mapRole(['sfi-handlaggare'], STOCKHOLM)).toEqual({ role: 'officer', unit: 'sfi', matched: 'sfi-handlaggare' });
    expect(mapRole(['uppfoljning-revisorer'], STOCKHOLM)).toEqual({ role: 'auditor', unit: null, matched: 'uppfoljning-revisorer' });
  });

  it('gives nothing when no value is in the map, or there are no values', () => {
    expect(mapRole(['alla-anstallda', 'SFI-HANDLAGGARE'], STOCKHOLM)).toBeNull();
    expect(mapRole([], STOCKHOLM)).toBeNull();
    expect(mapRole(['sfi-handlaggare'], [])).toBeNull();
  });

  it('takes the most privileged role when several values match, whatever order the provider lists them in', () => {
    expect(mapRole(['sfi-handlaggare', 'sfi-chefer'], STOCKHOLM)).toMatchObject({ role: 'unit_head', unit: 'sfi' });
    expect(mapRole(['sfi-chefer', 'sfi-handlaggare'], STOCKHOLM)).toMatchObject({ role: 'unit_head', unit: 'sfi' });
    expect(mapRole(['uppfoljning-revisorer', 'sfi-handlaggare', 'uppfoljning-admin'], STOCKHOLM)).toMatchObject({ role: 'admin', unit: null });
    expect(mapRole(['uppfoljning-revisorer', 'namndsekreterare', 'sfi-chefer'], STOCKHOLM)).toMatchObject({ role: 'secretary' });
    expect(mapRole(['uppfoljning-revisorer', 'utredning-handlaggare'], STOCKHOLM)).toMatchObject({ role: 'officer', unit: 'utredning' });
  });

  it('between two rules of the same role takes the one listed first in OIDC_ROLE_MAP', () => {
    expect(mapRole(['utredning-handlaggare', 'sfi-handlaggare'], STOCKHOLM)).toMatchObject({ unit: 'sfi', matched: 'sfi-handlaggare' });
    const utredningFirst = rulesOf({ 'utredning-handlaggare': { role: 'officer', unit: 'utredning' }, 'sfi-handlaggare': { role: 'officer', unit: 'sfi' } });
    expect(mapRole(['sfi-handlaggare', 'utredning-handlaggare'], utredningFirst)).toMatchObject({ unit: 'utredning' });
  });

  it('reads the claim as one string or an array of strings, and ignores anything else', () => {
    expect(claimValues('sfi-handlaggare')).toEqual(['sfi-handlaggare']);
    expect(claimValues(['a', 'b'])).toEqual(['a', 'b']);
    expect(claimValues(['a', 7, null, { b: 1 }])).toEqual(['a']);
    expect(claimValues(undefined)).toEqual([]);
    expect(claimValues(42)).toEqual([]);
    expect(claimValues({ 'sfi-handlaggare': true })).toEqual([]);
  });
});

describe('single sign-on settings', () => {
  const base = { OIDC_ISSUER: 'https://login.stad.se', OIDC_CLIENT_ID: 'uf', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URL: 'https://uf.stad.se/api/v1/auth/oidc/callback' };
  const problemsOf = (env: Record<string, string>): string => {
    try {
      parseAppConfig(env);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('has no single sign-on and offers passwords when nothing is set', () => {
    expect(parseAppConfig({})).toMatchObject({ oidc: null, passwordLogin: true });
  });

  it('reads the provider, the claim (groups by default) and the map in its order', () => {
    const config = parseAppConfig({ ...base, OIDC_ROLE_MAP: '{"b":{"role":"admin"},"a":{"role":"officer","unit":"sfi"}}', PASSWORD_LOGIN: 'false' });
    expect(config.passwordLogin).toBe(false);
    expect(config.oidc).toEqual({
      issuer: 'https://login.stad.se',
      clientId: 'uf',
      clientSecret: 's',
      redirectUrl: 'https://uf.stad.se/api/v1/auth/oidc/callback',
      roleClaim: 'groups',
      roleMap: [
        { value: 'b', role: 'admin', unit: null },
        { value: 'a', role: 'officer', unit: 'sfi' },
      ],
      accessContact: null,
    });
    expect(parseAppConfig({ ...base, OIDC_ROLE_CLAIM: 'roles' }).oidc!.roleClaim).toBe('roles');
  });

  it('refuses to start on a role map that is not JSON, naming the variable', () => {
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: "{'sfi': officer}" })).toMatch(/OIDC_ROLE_MAP must be JSON/);
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: '["sfi"]' })).toMatch(/OIDC_ROLE_MAP must be a JSON object/);
  });

  it('refuses rules with an unknown role, a missing or needless unit, or unknown fields', () => {
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: '{"x":{"role":"boss"}}' })).toMatch(/OIDC_ROLE_MAP\["x"\]\.role must be one of/);
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: '{"x":{"role":"officer"}}' })).toMatch(/OIDC_ROLE_MAP\["x"\]: the role officer needs a unit/);
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: '{"x":{"role":"admin","unit":"sfi"}}' })).toMatch(/the role admin has no unit/);
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: '{"x":{"role":"officer","unit":"SFI !"}}' })).toMatch(/unit must be a unit code/);
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: '{"x":{"role":"admin","units":"sfi"}}' })).toMatch(/unknown fields: units/);
  });

  it('accepts an http:// issuer only outside production', () => {
    const local = { ...base, OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/api/v1/auth/oidc/callback' };
    expect(parseAppConfig(local).oidc!.issuer).toBe('http://127.0.0.1:4000');
    expect(problemsOf({ ...local, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toMatch(/OIDC_ISSUER must start with https:\/\/ in production/);
  });

  it('needs the client id and a redirect URL on the callback path, and an issuer for any other OIDC setting', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://login.stad.se' })).toMatch(/OIDC_CLIENT_ID is required/);
    expect(problemsOf({ OIDC_ISSUER: 'https://login.stad.se' })).toMatch(/OIDC_REDIRECT_URL is required/);
    expect(problemsOf({ ...base, OIDC_REDIRECT_URL: 'https://uf.stad.se/callback' })).toMatch(/OIDC_REDIRECT_URL must end in \/api\/v1\/auth\/oidc\/callback/);
    expect(problemsOf({ OIDC_CLIENT_ID: 'uf' })).toMatch(/OIDC_CLIENT_ID set without OIDC_ISSUER/);
  });

  it('refuses to turn password sign-in off when there is no single sign-on', () => {
    expect(problemsOf({ PASSWORD_LOGIN: 'false' })).toMatch(/PASSWORD_LOGIN=false needs OIDC_ISSUER/);
    expect(problemsOf({ PASSWORD_LOGIN: 'maybe' })).toMatch(/PASSWORD_LOGIN must be true or false/);
  });
});
