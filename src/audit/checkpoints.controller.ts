import { Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { Public } from '../accounts/auth.decorators';
import { Checkpoints } from './checkpoints.service';

export class CheckpointQuery {
  /** Only checkpoints with a greater seq (pages of at most 100, oldest first). */
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
  list(@Query() query: CheckpointQuery) {
    return this.checkpoints.list(query.after);
  }

  /** That negotiation's chain head in that checkpoint, with its RFC 6962 audit path to the signed root. */
  @Get('checkpoints/:seq/proof/:negotiationId')
  proof(@Param('seq', ParseIntPipe) seq: number, @Param('negotiationId', ParseUUIDPipe) negotiationId: string) {
    return this.checkpoints.proof(seq, negotiationId);
  }

  /** The Ed25519 key that signs checkpoints (SPKI PEM) and its SHA-256 fingerprint. */
  @Get('public-key')
  publicKey() {
    return this.checkpoints.publicKey();
  }
}
