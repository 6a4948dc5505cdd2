import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROLES } from '../auth/scopes';
import { ConfigError } from './env';

/** A secret is never written in tenants.json: only a reference to an environment variable. */
const secretRef = z.string().regex(/^env:[A-Z_][A-Z0-9_]*$/, 'must be a reference of the form env:VARIABLE_NAME, never the secret itself');
const isoDuration = z.string().regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO-8601 duration such as PT1H or P3D');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, 2-63 characters');
const httpsOrLoopbackUrl = z.string().url();

export const TENANT_ENVIRONMENTS = ['PRODUCTION', 'DEVELOPMENT', 'TEST', 'DISASTER_RECOVERY'] as const;
export const AI_PROVIDERS = ['local', 'openai', 'azure-openai', 'anthropic', 'gemini', 'openai-compatible'] as const;

const aiAgentSettings = z.strictObject({
  provider: z.enum(AI_PROVIDERS),
  model: z.string().min(1).optional(),
  baseUrl: httpsOrLoopbackUrl.optional(),
  apiKey: secretRef.optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
});

const tenantSchema = z.strictObject({
  id: slug,
  slug: slug.optional(),
  name: z.string().min(1).max(200),
  environment: z.enum(TENANT_ENVIRONMENTS),
  sentinel: z
    .strictObject({
      subscriptionId: z.string().min(1),
      resourceGroup: z.string().min(1),
      workspaceName: z.string().min(1),
      entraTenantId: z.string().min(1),
      clientId: z.string().min(1),
      clientSecret: secretRef,
      armEndpoint: httpsOrLoopbackUrl.default('https://management.azure.com'),
      authorityHost: httpsOrLoopbackUrl.default('https://login.microsoftonline.com'),
      syncIntervalSeconds: z.number().int().min(30).default(300),
    })
    .optional(),
  ai: z
    .strictObject({
      default: aiAgentSettings.default({ provider: 'local' }),
      agents: z.partialRecord(z.enum(['RCA_ANALYST', 'THREAT_ANALYZER', 'EMAIL_VERIFIER', 'SEVERITY_ASSESSOR', 'VERDICT_GENERATOR', 'CHAT_ASSISTANT']), aiAgentSettings).default({}),
      fallback: z.array(z.enum(AI_PROVIDERS)).default(['local']),
      monthlyBudgetUsd: z.number().nonnegative().optional(),
    })
    .default({ default: { provider: 'local' }, agents: {}, fallback: ['local'] }),
  writeBack: z
    .strictObject({
      comment: z.boolean().default(true),
      autoClassify: z.strictObject({ enabled: z.boolean().default(false), minConfidence: z.number().min(0).max(1).default(0.9) }).default({ enabled: false, minConfidence: 0.9 }),
    })
    .default({ comment: true, autoClassify: { enabled: false, minConfidence: 0.9 } }),
  email: z
    .strictObject({
      /** outbox: kept in the notifications database and readable through the API (no mail account needed). */
      transport: z.enum(['outbox', 'sendgrid', 'smtp']).default('outbox'),
      from: z.string().email(),
      fromName: z.string().min(1).max(100).optional(),
      sendgridApiKey: secretRef.optional(),
      /** The SMTP URL (smtp[s]://user:password@host:port) holds a password, so it is a reference too. */
      smtpUrl: secretRef.optional(),
      /** Verification key of SendGrid's Signed Event Webhook: base64 DER (SubjectPublicKeyInfo), as SendGrid shows it. Public, but config. */
      sendgridWebhookPublicKey: z
        .string()
        .regex(/^[A-Za-z0-9+/]{60,400}={0,2}$/, 'must be the base64 verification key SendGrid shows for the Signed Event Webhook')
        .optional(),
      /** Per-tenant cap on outgoing mail; overrides NOTIFICATIONS_MAIL_PER_MINUTE. */
      mailPerMinute: z.number().int().min(1).max(100_000).optional(),
    })
    .superRefine((email, ctx) => {
      if (email.transport === 'sendgrid' && !email.sendgridApiKey) ctx.addIssue({ code: 'custom', path: ['sendgridApiKey'], message: 'is required when transport is "sendgrid"' });
      if (email.transport === 'smtp' && !email.smtpUrl) ctx.addIssue({ code: 'custom', path: ['smtpUrl'], message: 'is required when transport is "smtp"' });
    })
    .optional(),
  /** Shared secret of the signed Sentinel webhook (HMAC-SHA256); API keys need none. */
  webhooks: z.strictObject({ sentinelSecret: secretRef }).optional(),
  sla: z
    .strictObject({ HIGH: isoDuration, MEDIUM: isoDuration, LOW: isoDuration, INFORMATIONAL: isoDuration })
    .default({ HIGH: 'PT1H', MEDIUM: 'PT4H', LOW: 'PT24H', INFORMATIONAL: 'P3D' }),
  retentionDays: z.number().int().min(1).max(3650).default(365),
});

const userSchema = z.strictObject({
  email: z.string().email().transform((email) => email.toLowerCase()),
  displayName: z.string().min(1).max(200),
  memberships: z.array(z.strictObject({ tenant: slug, roles: z.array(z.enum(ROLES)).min(1) })).min(1),
});

export const tenantsFileSchema = z
  .strictObject({ tenants: z.array(tenantSchema).min(1), users: z.array(userSchema).default([]) })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.tenants.forEach((tenant, index) => {
      for (const key of new Set([tenant.id, tenant.slug ?? tenant.id])) {
        if (ids.has(key)) ctx.addIssue({ code: 'custom', path: ['tenants', index, 'id'], message: `duplicate tenant id or slug "${key}"` });
        ids.add(key);
      }
    });
    const emails = new Set<string>();
    file.users.forEach((user, index) => {
      if (emails.has(user.email)) ctx.addIssue({ code: 'custom', path: ['users', index, 'email'], message: `duplicate user ${user.email}` });
      emails.add(user.email);
      user.memberships.forEach((membership, m) => {
        if (!file.tenants.some((t) => t.id === membership.tenant)) {
          ctx.addIssue({ code: 'custom', path: ['users', index, 'memberships', m, 'tenant'], message: `unknown tenant "${membership.tenant}"` });
        }
      });
    });
  });

export type TenantsFile = z.infer<typeof tenantsFileSchema>;
export type TenantConfig = TenantsFile['tenants'][number];
export type UserConfig = TenantsFile['users'][number];

/** Reads and validates tenants.json; any unknown key or invalid value stops the start, named. */
export function loadTenantsFile(path: string): TenantsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read tenants file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = tenantsFileSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.join('.');
      const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : '';
      return `  ${where || '(root)'}: ${issue.message}${keys}`;
    });
    throw new ConfigError(`Invalid tenants file ${path}:\n${problems.join('\n')}`);
  }
  return result.data;
}
