import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { PasswordsModule } from './passwords/passwords.module';
import { CyclesModule } from './cycles/cycles.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { KernelModule } from './kernel/kernel.module';
import { loggingModule } from './kernel/logging';
import { ProjectionsModule } from './projections/projections.module';
import { PublicModule } from './public/public.module';
import { READ_MODELS } from './read-models';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { RecommendationSpreadsheetsModule } from './recommendations/spreadsheets.module';
import { DiscussionModule } from './recommendations/discussion/discussion.module';
import { RemindersPagesModule } from './reminders/reminders-pages.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { ReviewsModule } from './reviews/reviews.module';
import { SearchModule } from './search/search.module';
import { SeedModule } from './seed/seed.module';
import { SsoModule } from './sso/sso.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  /** `env` overrides process.env, so tests and benchmarks can run an app on their own database. */
  static forRoot(env: Record<string, string | undefined> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KernelModule.forRoot(env),
        loggingModule(),
        CqrsModule.forRoot(),
        EventStoreModule,
        ProjectionsModule.forRoot(READ_MODELS),
        AuthModule,
        PasswordsModule,
        ReviewsModule,
        RecommendationsModule,
        RecommendationSpreadsheetsModule,
        DiscussionModule,
        CyclesModule,
        UnitsModule,
        UsersModule,
        SearchModule,
        RemindersModule,
        RemindersPagesModule,
        ReportsModule,
        AuditModule,
        HealthModule,
        SeedModule,
        SsoModule,
        PublicModule,
        WebModule,
      ],
    };
  }
}
