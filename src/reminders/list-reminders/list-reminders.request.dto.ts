import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FileFormatRequest } from '../../kernel/http/file-format.request';
import { REMINDER_STATUSES, type ReminderStatus } from '../reminder-table';

export class ListRemindersRequest extends FileFormatRequest {
  @ApiPropertyOptional({ enum: REMINDER_STATUSES, description: '`sending` is the short moment between claiming a reminder and recording it' })
  @IsOptional()
  @IsIn(REMINDER_STATUSES, { message: `status must be one of ${REMINDER_STATUSES.join(', ')}` })
  status?: ReminderStatus;
}
