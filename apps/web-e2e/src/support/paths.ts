import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const OUTPUT_DIR = path.join(REPO_ROOT, 'test-output');
export const SCREENSHOT_DIR = path.join(OUTPUT_DIR, 'screenshots');
export const LOG_DIR = path.join(OUTPUT_DIR, 'e2e-logs');
// Its own build folder, so an e2e run never clobbers `dist/apps/web` of a dev build.
export const WEB_BUILD_DIR = path.join(REPO_ROOT, 'dist', 'web-e2e');
