import { ApiProperty } from '@nestjs/swagger';

/** The documented shapes of the checkpoint routes (checkpoint-tree.ts defines them). */
export class SignedCheckpointDto {
  @ApiProperty({ description: 'Checkpoints are numbered from 1', example: 3 })
  seq!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'RFC 6962 Merkle root over every chain head, hex SHA-256', pattern: '^[0-9a-f]{64}$' })
  root!: string;

  @ApiProperty({ description: 'How many chain heads (leaves) the tree has' })
  heads!: number;

  @ApiProperty({ description: 'Base64 Ed25519 signature over the canonical JSON of { at, heads, root, seq }' })
  signature!: string;
}

export class ProofLeafDto {
  @ApiProperty({ format: 'uuid' })
  negotiationId!: string;

  @ApiProperty({ description: 'The chain length at the checkpoint' })
  seq!: number;

  @ApiProperty({ description: 'The chain head hash at the checkpoint', pattern: '^[0-9a-f]{64}$' })
  head!: string;
}

export class InclusionProofDto {
  @ApiProperty({ type: SignedCheckpointDto })
  checkpoint!: SignedCheckpointDto;

  @ApiProperty({ type: ProofLeafDto, description: 'Leaf data is the canonical JSON {"head","negotiationId","seq"}' })
  leaf!: ProofLeafDto;

  @ApiProperty({ description: 'Position of the leaf, leaves ordered by negotiation id' })
  leafIndex!: number;

  @ApiProperty({ description: 'Number of leaves (equals the checkpoint’s heads)' })
  treeSize!: number;

  @ApiProperty({ type: [String], description: 'Sibling hashes (hex) from the leaf up: RFC 6962 PATH(m, D[n])' })
  auditPath!: string[];
}

export class CheckpointKeyDto {
  @ApiProperty({ enum: ['Ed25519'] })
  algorithm!: 'Ed25519';

  @ApiProperty({ description: 'SPKI PEM' })
  publicKey!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the key’s DER', pattern: '^[0-9a-f]{64}$' })
  keyId!: string;
}
