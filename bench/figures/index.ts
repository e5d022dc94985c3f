import { FigureGroup } from '../lib';
import { publicRead } from './public-read';
import { publishing } from './publishing';
import { auditVerify } from './audit-verify';
import { coldStart } from './cold-start';
import { offers } from './offers';
import { sse } from './sse';
import { costing } from './costing';
import { workerImport } from './worker-import';

/**
 * Every figure group, in the order `npm run bench` runs them: add yours with one line. The
 * import's pauses are measured early: the groups at 10⁶ leave the bench process's heap large,
 * and with it the collector's pauses.
 */
export const FIGURE_GROUPS: FigureGroup[] = [publicRead, workerImport, offers, publishing, auditVerify, sse, coldStart, costing];
