export type NegotiationKind = 'collective_contract' | 'rule_change';
export const NEGOTIATION_KINDS: readonly NegotiationKind[] = ['collective_contract', 'rule_change'];

/** The two bargaining sides. */
export type Side = 'union' | 'enterprise';
export const otherSide = (side: Side): Side => (side === 'union' ? 'enterprise' : 'union');

export interface Scope {
  industry: string;
  /** GB/T 2260 code; 420300 covers every 4203xx district. */
  region: string;
  /** Empty: every enterprise of the industry in the region (劳动合同法 art. 54). */
  enterpriseIds: string[];
  workerCategories: string[];
}
