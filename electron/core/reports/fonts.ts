// The fonts printed documents are set in: PT Serif, shipped with the app in resources/fonts
// (ParaType Free Font License, resources/fonts/LICENSE-paratype.txt).
//
// Where the folder is found, first match wins:
//  1. SCHOOL_OFFICE_FONTS, a folder given by the environment;
//  2. <resources>/fonts of the built Electron app: electron-builder.yml copies resources/fonts
//     there (extraResources), and Electron sets process.resourcesPath;
//  3. resources/fonts of the source tree, looked for upwards from this module (tests, CLI, browser
//     mode, `npm run dev`: the module then lives in electron/core/reports or in out/main).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../api/errors';

export const FONT_FILES = { regular: 'PTSerif-Regular.ttf', bold: 'PTSerif-Bold.ttf' } as const;

function candidates(): string[] {
  const out: string[] = [];
  if (process.env.SCHOOL_OFFICE_FONTS) out.push(process.env.SCHOOL_OFFICE_FONTS);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) out.push(join(resources, 'fonts'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    out.push(join(dir, 'resources', 'fonts'));
    dir = dirname(dir);
  }
  return out;
}

export function fontsDir(): string {
  const found = candidates().find((d) => existsSync(join(d, FONT_FILES.regular)));
  if (!found) throw new AppError('unavailable', 'Не найдены шрифты для печатных документов (папка resources/fonts). Переустановите программу.');
  return found;
}

const cache = new Map<string, Uint8Array>();

export function fontBytes(kind: keyof typeof FONT_FILES): Uint8Array {
  let b = cache.get(kind);
  if (!b) cache.set(kind, (b = readFileSync(join(fontsDir(), FONT_FILES[kind]))));
  return b;
}
