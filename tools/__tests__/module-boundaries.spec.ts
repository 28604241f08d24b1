import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const RULE = '@nx/enforce-module-boundaries';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Probe sources linted at real, lintable paths; nothing is written to disk. */
const PROBES = {
  webImportsApi: {
    filePath: 'apps/web/src/boundary-probe.ts',
    code: "import { ApiModule } from '../../api/src/api.module';\nexport const probe = ApiModule;\n",
  },
  libraryImportsApp: {
    filePath: 'libs/matching/src/boundary-probe.ts',
    code: "import { ApiModule } from '../../../apps/api/src/api.module';\nexport const probe = ApiModule;\n",
  },
  libraryImportsWeb: {
    filePath: 'libs/matching/src/boundary-probe.ts',
    code: "import { App } from '../../../apps/web/src/app/app';\nexport const probe = App;\n",
  },
  webImportsSharedVocabulary: {
    filePath: 'apps/web/src/boundary-probe.ts',
    code: "import { TIERS } from '@lianrong/matching';\nexport const probe = TIERS;\n",
  },
};

function tagsOf(projectDir: string): string[] {
  const project = JSON.parse(
    fs.readFileSync(path.join(ROOT, projectDir, 'project.json'), 'utf8'),
  ) as { tags?: string[] };
  return project.tags ?? [];
}

describe('module boundaries', () => {
  let results: Record<keyof typeof PROBES, string[]>;

  beforeAll(() => {
    const names = Object.keys(PROBES) as (keyof typeof PROBES)[];
    const stdout = execFileSync(process.execPath, [path.join(ROOT, 'tools/lib/lint-text.mjs')], {
      cwd: ROOT,
      input: JSON.stringify(names.map((name) => PROBES[name])),
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lastLine = stdout.trimEnd().split('\n').at(-1) ?? '[]';
    const messages = JSON.parse(lastLine) as LintMessage[][];
    results = Object.fromEntries(
      names.map((name, i) => [
        name,
        messages[i].filter((m) => m.ruleId === RULE).map((m) => m.message),
      ]),
    ) as typeof results;
  }, 120_000);

  it('refuses API code in the web', () => {
    expect(results.webImportsApi).toEqual([expect.stringMatching(/relative or absolute path/)]);
  });

  it('refuses any app in the library', () => {
    expect(results.libraryImportsApp).toEqual([expect.stringMatching(/relative or absolute path/)]);
    expect(results.libraryImportsWeb).toEqual([expect.stringMatching(/relative or absolute path/)]);
  });

  it('lets the web use the shared vocabulary', () => {
    expect(results.webImportsSharedVocabulary).toEqual([]);
  });

  // The tag constraints in eslint.config.mjs mean nothing if the projects stop carrying them.
  it('keeps the tags the constraints are written against', () => {
    expect(tagsOf('libs/matching')).toEqual(expect.arrayContaining(['scope:shared', 'type:pure']));
    expect(tagsOf('apps/api')).toEqual(['scope:api']);
    expect(tagsOf('apps/web')).toEqual(['scope:web']);
    expect(tagsOf('apps/web-e2e')).toEqual(['scope:e2e']);
    expect(tagsOf('tools')).toEqual(['scope:tools']);
  });
});
