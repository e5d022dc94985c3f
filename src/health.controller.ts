import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from './accounts/auth.decorators';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ enum: ['up'], description: 'The database answered within 2 s' })
  database!: 'up';
}

export class HealthDownDto {
  @ApiProperty({ enum: ['error'] })
  status!: 'error';

  @ApiProperty({ enum: ['down'], description: 'The database did not answer within 2 s' })
  database!: 'down';
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Is the service up?', description: 'For load balancers and monitoring.' })
  @ApiOkResponse({ type: HealthDto, description: 'Up, and the database answers' })
  @ApiServiceUnavailableResponse({ type: HealthDownDto, description: 'The database is down' })
  async check(): Promise<HealthDto> {
    try {
      await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
      return { status: 'ok', database: 'up' };
    } catch {
      throw new ServiceUnavailableException({ status: 'error', database: 'down' });
    }
  }
}
