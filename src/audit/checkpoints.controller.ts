import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { CheckpointKeyDto, InclusionProofDto, SignedCheckpointDto } from './checkpoint.dto';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { Public } from '../accounts/auth.decorators';
import { Checkpoints } from './checkpoints.service';
import { IdOf } from '../common/id.pipe';

export class CheckpointQuery {
  @ApiPropertyOptional({ minimum: 0, description: 'Only checkpoints with a greater seq (pages of at most 100, oldest first)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;
}

/**
 * Signed checkpoints of every chain head, public: a bureau or a union keeps copies, and a later
 * rewrite of a whole chain no longer matches them. Proofs reveal hashes only.
 */
@ApiTags('audit')
@Public()
@Controller('api/audit')
export class CheckpointsController {
  constructor(private readonly checkpoints: Checkpoints) {}

  @Get('checkpoints')
  @ApiOperation({ summary: 'Signed checkpoints', description: 'Oldest first, at most 100 a page; public.' })
  @ApiOkResponse({ type: [SignedCheckpointDto], description: 'Checkpoints after `after`' })
  @ApiErrors({ 400: true })
  list(@Query() query: CheckpointQuery) {
    return this.checkpoints.list(query.after);
  }

  /** That negotiation's chain head in that checkpoint, with its RFC 6962 audit path to the signed root. */
  @Get('checkpoints/:seq/proof/:negotiationId')
  @ApiOperation({ summary: "Inclusion proof of a chain head in a checkpoint" })
  @ApiOkResponse({ type: InclusionProofDto, description: 'The leaf and its audit path to the signed root' })
  @ApiErrors({ 400: true, 404: 'No such checkpoint, or the negotiation is not in it' })
  proof(@Param('seq', ParseIntPipe) seq: number, @Param('negotiationId', new IdOf('negotiation')) negotiationId: string) {
    return this.checkpoints.proof(seq, negotiationId);
  }

  /** The Ed25519 key that signs checkpoints (SPKI PEM) and its SHA-256 fingerprint. */
  @Get('public-key')
  @ApiOperation({ summary: 'The checkpoint signing key' })
  @ApiOkResponse({ type: CheckpointKeyDto, description: 'Ed25519 public key and fingerprint' })
  publicKey() {
    return this.checkpoints.publicKey();
  }
}
