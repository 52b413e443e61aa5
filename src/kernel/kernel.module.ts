import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Clock } from './clock';
import { parseAppConfig, type AppConfig } from './config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Configuration and the clock, for every module. `overrides` lets a test or a
 * benchmark run an app with its own database and clock without touching
 * process.env.
 */
@Global()
@Module({})
export class KernelModule {
  static forRoot(overrides: Record<string, string | undefined> = {}): DynamicModule {
    return {
      module: KernelModule,
      imports: [
        ConfigModule.forRoot({
          // Validated once, at start: a bad setting stops the process with a message naming it.
          validate: (env) => ({ app: parseAppConfig({ ...(env as Record<string, string>), ...overrides }) }),
        }),
      ],
      providers: [
        { provide: APP_CONFIG, inject: [ConfigService], useFactory: (cs: ConfigService) => cs.get<AppConfig>('app') },
        { provide: Clock, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new Clock(config.appNow) },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
