import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';
import { Reminders1764000000001 } from './1764000000001-Reminders';
import { Reports1764000000002 } from './1764000000002-Reports';
import { Sessions1764000000003 } from './1764000000003-Sessions';
import { IdempotencyByStream1764000000005 } from './1764000000005-IdempotencyByStream';
import { RecommendationTables1764000000006 } from './1764000000006-RecommendationTables';
import { Snapshots1764000000007 } from './1764000000007-Snapshots';
import { ReportJobs1764000000008 } from './1764000000008-ReportJobs';
import { UsersAndCredentials1764000000009 } from './1764000000009-UsersAndCredentials';
import { UnitEvents1764000000010 } from './1764000000010-UnitEvents';
import { PasswordTokens1764000000011 } from './1764000000011-PasswordTokens';
import { OidcLogins1764000000012 } from './1764000000012-OidcLogins';
import { Corrections1764000000013 } from './1764000000013-Corrections';
import { CompletionClaims1764000000014 } from './1764000000014-CompletionClaims';
import { PublicSummariesAndFormDrafts1764000000015 } from './1764000000015-PublicSummariesAndFormDrafts';
import { TamperProofEvents1764000000016 } from './1764000000016-TamperProofEvents';
import { SearchIndex1764000000017 } from './1764000000017-SearchIndex';
import { ImportPreviews1764000000018 } from './1764000000018-ImportPreviews';
import { Attachments1764000000019 } from './1764000000019-Attachments';
import { CommentMails1764000000020 } from './1764000000020-CommentMails';
import { SearchIndexFollowsInBatches1764000000021 } from './1764000000021-SearchIndexFollowsInBatches';
import { SearchNotesFollowInBatches1764000000022 } from './1764000000022-SearchNotesFollowInBatches';
import { PasswordMails1764000000023 } from './1764000000023-PasswordMails';

/** Every migration, in order. Listed here rather than globbed so the same list runs compiled and under Jest. */
export const MIGRATIONS = [InitialSchema1764000000000, Reminders1764000000001, Reports1764000000002, Sessions1764000000003, IdempotencyByStream1764000000005, RecommendationTables1764000000006, Snapshots1764000000007, ReportJobs1764000000008, UsersAndCredentials1764000000009, UnitEvents1764000000010, PasswordTokens1764000000011, OidcLogins1764000000012, Corrections1764000000013, CompletionClaims1764000000014, PublicSummariesAndFormDrafts1764000000015, TamperProofEvents1764000000016, SearchIndex1764000000017, ImportPreviews1764000000018, Attachments1764000000019, CommentMails1764000000020, SearchIndexFollowsInBatches1764000000021, SearchNotesFollowInBatches1764000000022, PasswordMails1764000000023];
