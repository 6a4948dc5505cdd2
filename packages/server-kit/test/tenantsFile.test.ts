import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadTenantsFile } from '../src';

const DEMO = path.resolve(__dirname, '../../../config/tenants.json');

function fileWith(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tenants-')), 'tenants.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const minimal = () => ({
  tenants: [{ id: 'contoso', name: 'Contoso Ltd', environment: 'PRODUCTION' }],
  users: [{ email: 'Analyst@Contoso.example', displayName: 'A', memberships: [{ tenant: 'contoso', roles: ['ANALYST'] }] }],
});

test('the shipped demo file is valid and has the demo tenants and users of the design', () => {
  const file = loadTenantsFile(DEMO);
  expect(file.tenants.map((t) => [t.id, t.environment])).toEqual([
    ['contoso', 'PRODUCTION'],
    ['fabrikam', 'DEVELOPMENT'],
  ]);
  const users = Object.fromEntries(file.users.map((u) => [u.email, u.memberships.map((m) => `${m.tenant}:${m.roles.join('+')}`)]));
  expect(users).toMatchObject({
    'analyst@contoso.example': ['contoso:ANALYST'],
    'analyst@fabrikam.example': ['fabrikam:ANALYST'],
    'admin@soc.example': ['contoso:ADMIN', 'fabrikam:ADMIN'],
  });
});

test('defaults are filled in and emails are normalised', () => {
  const file = loadTenantsFile(fileWith(minimal()));
  expect(file.tenants[0]).toMatchObject({ ai: { default: { provider: 'local' }, fallback: ['local'] }, retentionDays: 365, sla: { HIGH: 'PT1H' } });
  expect(file.users[0]!.email).toBe('analyst@contoso.example');
});

test.each([
  ['an unknown key', (f: any) => (f.tenants[0].colour = 'blue'), /tenants\.0.*colour/s],
  ['a secret written in clear', (f: any) => (f.tenants[0].email = { from: 'soc@contoso.example', sendgridApiKey: 'SG.secret' }), /tenants\.0\.email\.sendgridApiKey: must be a reference of the form env:VARIABLE_NAME/],
  ['an unknown environment', (f: any) => (f.tenants[0].environment = 'STAGING'), /tenants\.0\.environment/],
  ['a membership of an unknown tenant', (f: any) => (f.users[0].memberships[0].tenant = 'globex'), /users\.0\.memberships\.0\.tenant: unknown tenant "globex"/],
  ['an unknown role', (f: any) => (f.users[0].memberships[0].roles = ['ROOT']), /users\.0\.memberships\.0\.roles\.0/],
  ['a duplicate tenant', (f: any) => f.tenants.push({ ...f.tenants[0] }), /duplicate tenant id or slug "contoso"/],
  ['a bad SLA duration', (f: any) => (f.tenants[0].sla = { HIGH: '1 hour', MEDIUM: 'PT4H', LOW: 'PT1D', INFORMATIONAL: 'P3D' }), /tenants\.0\.sla\.HIGH: must be an ISO-8601 duration/],
])('%s stops the start with a message naming the key', (_case, mutate, message) => {
  const content = minimal();
  mutate(content);
  expect(() => loadTenantsFile(fileWith(content))).toThrow(ConfigError);
  expect(() => loadTenantsFile(fileWith(content))).toThrow(message);
});

test('a file that is not JSON is named in the error', () => {
  const file = fileWith('{ "tenants": [');
  expect(() => loadTenantsFile(file)).toThrow(new RegExp(`Cannot read tenants file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
