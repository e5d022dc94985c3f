import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Roles } from '../accounts/auth.decorators';
import { DeadlineLists } from './deadline-lists';
import { DeadlinesService } from './deadlines.service';

export class DeadlineQuery {
  /** Upcoming within this many days, e.g. `7d`. */
  @IsOptional() @Matches(/^\d{1,3}d$/, { message: 'due_within must be a number of days such as 7d' })
  due_within?: string;

  /** Include deadlines already past. */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;
}

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api')
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly lists: DeadlineLists,
  ) {}

  @Roles('union_negotiator', 'enterprise_rep', 'bureau_reviewer', 'admin')
  @Get('deadlines')
  list(@CurrentUser() user: AuthUser, @Query() query: DeadlineQuery) {
    return this.lists.forUser(user, { dueWithinDays: query.due_within ? parseInt(query.due_within, 10) : undefined, overdue: query.overdue });
  }

  @Get('notifications')
  notifications(@CurrentUser() user: AuthUser) {
    return this.deadlines.notifications(user);
  }
}
