import { Global, Module } from '@nestjs/common';
import { StateReader } from './state-reader';

@Global()
@Module({ providers: [StateReader], exports: [StateReader] })
export class ProjectionsModule {}
