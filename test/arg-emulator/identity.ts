import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A service principal the loopback identity endpoint accepts (client-credentials flow). */
export interface TestClient {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface IdentityReply {
  status: number;
  body: unknown;
}

/**
 * The few Microsoft Entra endpoints MSAL calls for a client-credentials token when instance
 * discovery is off: the tenant's OpenID configuration and its token endpoint. Tokens are random
 * strings the ARG side then accepts; nothing here is a real credential.
 */
export class LoopbackIdentity {
  readonly issued = new Set<string>();
  readonly grants: { clientId: string; scope: string }[] = [];
  private readonly clients: readonly TestClient[];

  constructor(clients: readonly TestClient[]) {
    this.clients = clients;
  }

  handles(pathname: string): boolean {
    return /^\/[^/]+\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.test(pathname) || pathname === '/common/discovery/instance';
  }

  reply(req: IncomingMessage, pathname: string, body: string, origin: string): IdentityReply {
    const tenant = pathname.split('/')[1] ?? '';
    if (pathname === '/common/discovery/instance') {
      const host = new URL(origin).host;
      return {
        status: 200,
        body: {
          tenant_discovery_endpoint: `${origin}/${tenant}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        },
      };
    }
    if (pathname.endsWith('/openid-configuration')) {
      if (!this.clients.some((c) => c.tenantId === tenant)) return { status: 400, body: oauthError('invalid_tenant', `AADSTS90002: Tenant '${tenant}' not found.`) };
      return {
        status: 200,
        body: {
          token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
          jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
          issuer: `${origin}/${tenant}/v2.0`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          tenant_region_scope: 'WW',
          cloud_instance_name: new URL(origin).host,
        },
      };
    }
    if (req.method !== 'POST') return { status: 405, body: oauthError('invalid_request', 'POST only') };
    const form = new URLSearchParams(body);
    const clientId = form.get('client_id') ?? '';
    const client = this.clients.find((c) => c.tenantId === tenant && c.clientId === clientId);
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: oauthError('unsupported_grant_type', 'client_credentials only') };
    if (!client || form.get('client_secret') !== client.clientSecret) {
      return { status: 401, body: oauthError('invalid_client', 'AADSTS7000215: Invalid client secret provided.') };
    }
    const scope = form.get('scope') ?? '';
    this.grants.push({ clientId, scope });
    const token = `emu.${randomBytes(24).toString('base64url')}`;
    this.issued.add(token);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
  }
}

function oauthError(error: string, description: string): Record<string, unknown> {
  return { error, error_description: description, error_codes: [], timestamp: new Date().toISOString(), trace_id: '', correlation_id: '' };
}
