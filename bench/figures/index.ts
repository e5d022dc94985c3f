import { FigureGroup } from '../lib';
import { publicRead } from './public-read';
import { publishing } from './publishing';
import { auditVerify } from './audit-verify';
import { coldStart } from './cold-start';
import { offers } from './offers';
import { sse } from './sse';
import { costing } from './costing';
import { workerImport } from './worker-import';

/** Every figure group, in the order `npm run bench` runs them: add yours with one line. */
export const FIGURE_GROUPS: FigureGroup[] = [publicRead, offers, publishing, auditVerify, sse, coldStart, costing, workerImport];
