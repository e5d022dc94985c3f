import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from './accounts/auth.decorators';

/** How long the database has to answer `SELECT 1` before the service reports itself down. */
export const HEALTH_DATABASE_TIMEOUT_MS = 2000;

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
  private readonly logger = new Logger(HealthController.name);

  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Is the service up?', description: 'For load balancers and monitoring.' })
  @ApiOkResponse({ type: HealthDto, description: 'Up, and the database answers' })
  @ApiServiceUnavailableResponse({ type: HealthDownDto, description: 'The database is down' })
  async check(): Promise<HealthDto> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_DATABASE_TIMEOUT_MS} ms`)), HEALTH_DATABASE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), late]);
      return { status: 'ok', database: 'up' };
    } catch (error) {
      this.logger.warn(`the database did not answer SELECT 1: ${error instanceof Error ? error.message : String(error)}`);
      throw new ServiceUnavailableException({ status: 'error', database: 'down' });
    } finally {
      clearTimeout(timer);
    }
  }
}
