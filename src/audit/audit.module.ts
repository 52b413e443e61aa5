import { Module } from '@nestjs/common';
import { AuditHttpController } from './audit.http.controller';

@Module({ controllers: [AuditHttpController] })
export class AuditModule {}
