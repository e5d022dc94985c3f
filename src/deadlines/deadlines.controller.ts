import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Roles } from '../accounts/auth.decorators';
import { DeadlineLists } from './deadline-lists';
import { DeadlineListItemDto, NotificationDto } from './deadline.dto';
import { DeadlinesService } from './deadlines.service';

export class DeadlineQuery {
  /** Upcoming within this many days, e.g. `7d`. */
  @ApiPropertyOptional({ description: 'Deadlines still ahead that fall within this many days, e.g. `7d` (up to 999d). With neither filter, every running deadline', pattern: '^\\d{1,3}d$', example: '7d' })
  @IsOptional() @Matches(/^\d{1,3}d$/, { message: 'due_within must be a number of days such as 7d' })
  due_within?: string;

  /** Include deadlines already past. */
  @ApiPropertyOptional({ type: Boolean, description: 'true: deadlines already past (together with the due_within ones, if given); false: only deadlines still ahead' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;
}

@ApiTags('deadlines')
@Controller('api')
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly lists: DeadlineLists,
  ) {}

  @Roles('union_negotiator', 'enterprise_rep', 'bureau_reviewer', 'admin')
  @Get('deadlines')
  @ApiOperation({ summary: "The caller's statutory deadlines", description: 'Across the negotiations the caller is party to (the bureau and admin: all), soonest first.' })
  @ApiOkResponse({ type: [DeadlineListItemDto], description: 'Running deadlines, soonest first' })
  list(@CurrentUser() user: AuthUser, @Query() query: DeadlineQuery) {
    return this.lists.forUser(user, { dueWithinDays: query.due_within ? parseInt(query.due_within, 10) : undefined, overdue: query.overdue });
  }

  @Get('notifications')
  @ApiOperation({ summary: "The caller's deadline notifications", description: 'The latest 100, newest first.' })
  @ApiOkResponse({ type: [NotificationDto], description: 'Notifications, newest first' })
  notifications(@CurrentUser() user: AuthUser) {
    return this.deadlines.notifications(user);
  }
}
