/**
 * Permissions are scopes. Users get the scopes of their roles in the active tenant; partner API
 * clients get the scopes they were created with. Subgraphs only ever check scopes.
 */
export const SCOPES = [
  'incidents:read',
  'incidents:write',
  'analysis:read',
  'analysis:write',
  'notifications:read',
  'notifications:write',
  'tenants:read',
  'tenants:admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLES = ['VIEWER', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

const READ_SCOPES: Scope[] = ['incidents:read', 'analysis:read', 'notifications:read', 'tenants:read'];

const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  VIEWER: READ_SCOPES,
  ANALYST: [...READ_SCOPES, 'incidents:write', 'analysis:write', 'notifications:write'],
  ADMIN: SCOPES,
};

export function scopesForRoles(roles: readonly Role[]): Scope[] {
  const granted = new Set<Scope>();
  for (const role of roles) for (const scope of ROLE_SCOPES[role]) granted.add(scope);
  return SCOPES.filter((scope) => granted.has(scope));
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** GraphQL `ApiScope` enum value for a scope, e.g. incidents:read -> INCIDENTS_READ. */
export const scopeToEnum = (scope: Scope): string => scope.replace(':', '_').toUpperCase();

export function scopeFromEnum(value: string): Scope {
  const scope = value.toLowerCase().replace('_', ':');
  if (!isScope(scope)) throw new Error(`unknown scope ${value}`);
  return scope;
}
