import { Module } from '@nestjs/common';
import { AuditEventsHandler, VerifyAuditLogHandler } from './audit-log.queries';
import { AuditHttpController } from './audit.http.controller';

@Module({ controllers: [AuditHttpController], providers: [AuditEventsHandler, VerifyAuditLogHandler] })
export class AuditModule {}
