'use strict';
// When `npm start` / `npm test` must run `npm install` first. No dependencies of its
// own: it runs before node_modules exists.
const fs = require('node:fs');
const path = require('node:path');

/**
 * npm writes node_modules/.package-lock.json at the end of every install, so it is
 * the install's timestamp; a package-lock.json newer than it (a pull, a merge, a
 * colleague's new dependency) means node_modules may be out of date.
 * @param {{ nodeModules: boolean, installedAt: number | null, lockAt: number | null }} s
 * @returns {string | null} why an install is needed, or null
 */
function installReason(s) {
  if (!s.nodeModules) return 'node_modules is missing';
  if (s.installedAt === null) return 'node_modules has no record of a finished install';
  if (s.lockAt !== null && s.lockAt > s.installedAt)
    return 'package-lock.json is newer than node_modules';
  return null;
}

/** @param {string} root */
function readInstallState(root) {
  /** @param {string} p */
  const mtime = (p) => {
    try {
      return fs.statSync(p).mtimeMs;
    } catch {
      return null;
    }
  };
  return {
    nodeModules: fs.existsSync(path.join(root, 'node_modules')),
    installedAt: mtime(path.join(root, 'node_modules', '.package-lock.json')),
    lockAt: mtime(path.join(root, 'package-lock.json')),
  };
}

module.exports = { installReason, readInstallState };
