import { InitialSchema1763900000000 } from './1763900000000-initial-schema.js';
import { AuditTrail1763900000001 } from './1763900000001-audit-trail.js';
import { AccountsAndAccess1763900000002 } from './1763900000002-accounts-and-access.js';
import { SearchAcrossTimeline1763900000003 } from './1763900000003-search-across-timeline.js';
import { Reports1763900000004 } from './1763900000004-reports.js';
import { Publications1763900000005 } from './1763900000005-publications.js';
import { ReportSpeed1763900000006 } from './1763900000006-report-speed.js';
import { StatusHistoryAndAuditLeaves1763900000007 } from './1763900000007-status-history-and-audit-leaves.js';
import { AccountSecurity1763900000008 } from './1763900000008-account-security.js';
import { HiddenCases1763900000009 } from './1763900000009-hidden-cases.js';
import { TimeAsKnown1763900000010 } from './1763900000010-time-as-known.js';
import { MeasuresAndUnits1763900000011 } from './1763900000011-measures-and-units.js';
import { Files1763900000012 } from './1763900000012-files.js';
import { DeadlinesRemindersCanary1763900000013 } from './1763900000013-deadlines-reminders-canary.js';
import { FileText1763900000014 } from './1763900000014-file-text.js';
import { ReportDimensions1763900000015 } from './1763900000015-report-dimensions.js';
import { RedactedCopies1763900000016 } from './1763900000016-redacted-copies.js';
import { PreservationExtensionAndPrecision1763900000017 } from './1763900000017-preservation-extension-and-precision.js';
import { AuditVerifiedStates1763900000018 } from './1763900000018-audit-verified-states.js';
import { ArchivedUnits1763900000020 } from './1763900000020-archived-units.js';
import { PublicationFiles1763900000021 } from './1763900000021-publication-files.js';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  InitialSchema1763900000000,
  AuditTrail1763900000001,
  AccountsAndAccess1763900000002,
  SearchAcrossTimeline1763900000003,
  Reports1763900000004,
  Publications1763900000005,
  ReportSpeed1763900000006,
  StatusHistoryAndAuditLeaves1763900000007,
  AccountSecurity1763900000008,
  HiddenCases1763900000009,
  TimeAsKnown1763900000010,
  MeasuresAndUnits1763900000011,
  Files1763900000012,
  DeadlinesRemindersCanary1763900000013,
  FileText1763900000014,
  ReportDimensions1763900000015,
  RedactedCopies1763900000016,
  PreservationExtensionAndPrecision1763900000017,
  AuditVerifiedStates1763900000018,
  ArchivedUnits1763900000020,
  PublicationFiles1763900000021,
];
