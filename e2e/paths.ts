import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** WEB_DIST_DIR: a web build elsewhere than web/dist (passed on to the server). */
export const webDistDir = path.resolve(process.env.WEB_DIST_DIR ?? path.join(repoRoot, 'web', 'dist'));
