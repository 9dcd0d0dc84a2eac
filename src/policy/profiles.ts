import { DEFAULT_PARAMS, type Params, type Severity } from './types.ts';

export interface PolicySetting {
  enabled?: boolean;
  severity?: Severity;
}

export interface Profile {
  name: string;
  description: string;
  params: Params;
  policies: Record<string, PolicySetting>;
}

/** The two profiles the catalog defines. */
export const BUILTIN_PROFILES: Readonly<Record<string, Profile>> = {
  baseline: {
    name: 'baseline',
    description: 'Every policy on, with the catalog defaults.',
    params: DEFAULT_PARAMS,
    policies: {},
  },
  secure: {
    name: 'secure',
    description: 'Secure tenants: only block or none egress; private API servers and no implicit outbound access are high.',
    params: { ...DEFAULT_PARAMS, allowedOutboundTypes: ['block', 'none'] },
    policies: {
      EG016: { severity: 'high' },
      EG018: { enabled: false },
      EG022: { severity: 'high' },
    },
  },
};
