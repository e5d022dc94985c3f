import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeadlineListItem } from './deadline-lists';
import { DeadlineView } from './deadlines.service';
import { DEADLINE_KINDS, DeadlineKind } from './rule-pack';

/** A running statutory deadline of a negotiation (DESIGN §4). */
export class DeadlineViewDto implements DeadlineView {
  @ApiProperty({ enum: DEADLINE_KINDS, description: 'Which period: its length comes from the rule pack of the negotiation\'s region', example: 'response' })
  kind!: DeadlineKind;

  @ApiProperty({ format: 'date-time', description: 'When the period ends' })
  dueAt!: string;

  @ApiProperty({ description: 'Whether it has already passed' })
  overdue!: boolean;

  @ApiPropertyOptional({
    enum: ['weekends_only'],
    description: "Present when a period in days ended in a year the holiday calendar does not know: its last day was moved past weekends only (民法典 art. 203 without the State Council's holidays)",
  })
  calendar?: 'weekends_only';
}

export class DeadlineListItemDto extends DeadlineViewDto implements DeadlineListItem {
  @ApiProperty({ format: 'uuid' })
  negotiationId!: string;

  @ApiProperty({ description: "The negotiation's title" })
  title!: string;
}

/** A message to one person about a deadline coming up or passed. */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The person notified (the caller)' })
  userId!: string;

  @ApiProperty({ format: 'uuid' })
  negotiationId!: string;

  @ApiProperty({ enum: ['deadline_warning', 'deadline_passed', 'deadline_overdue'], description: 'A deadline 3 days or 1 day ahead; one that passed and moved the procedure on; one that passed and is overdue' })
  kind!: string;

  @ApiProperty({ description: 'What to tell the person, in words' })
  message!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was read; null while unread' })
  readAt!: string | null;
}
