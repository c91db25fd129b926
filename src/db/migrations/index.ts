import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-cases-tracing.ts';
import * as m0003 from './0003-quarantine-end.ts';
import * as m0004 from './0004-quarantine-treatment.ts';
import * as m0005 from './0005-samples-release.ts';
import * as m0006 from './0006-testing.ts';
import * as m0007 from './0007-zones.ts';
import * as m0008 from './0008-levels.ts';
import * as m0009 from './0009-reports.ts';
import * as m0010 from './0010-geo.ts';
import * as m0011 from './0011-directives.ts';
import * as m0012 from './0012-enterprise-risk.ts';
import * as m0013 from './0013-venue-checkin.ts';
import * as m0014 from './0014-enterprises.ts';
import * as m0015 from './0015-boarding-houses.ts';
import * as m0016 from './0016-enterprise-work.ts';
import * as m0017 from './0017-arrivals.ts';
import * as m0018 from './0018-vaccination.ts';
import * as m0019 from './0019-community.ts';
import * as m0020 from './0020-support.ts';
import * as m0021 from './0021-pharmacy-registration.ts';
import * as m0022 from './0022-login-lockout.ts';
import * as m0023 from './0023-coverage-read-models.ts';

/** Every migration in order. Names are frozen once landed. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-cases-tracing': m0002,
  '0003-quarantine-end': m0003,
  '0004-quarantine-treatment': m0004,
  '0005-samples-release': m0005,
  '0006-testing': m0006,
  '0007-zones': m0007,
  '0008-levels': m0008,
  '0009-reports': m0009,
  '0010-geo': m0010,
  '0011-directives': m0011,
  '0012-enterprise-risk': m0012,
  '0013-venue-checkin': m0013,
  '0014-enterprises': m0014,
  '0015-boarding-houses': m0015,
  '0016-enterprise-work': m0016,
  '0017-arrivals': m0017,
  '0018-vaccination': m0018,
  '0019-community': m0019,
  '0020-support': m0020,
  '0021-pharmacy-registration': m0021,
  '0022-login-lockout': m0022,
  '0023-coverage-read-models': m0023,
};
