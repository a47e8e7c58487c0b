// The installers' configuration (issue 15 point 6): what `npm run dist` builds from, checked without
// building (that needs Electron's binaries from the internet: README «Сборка установщиков»).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
// js-yaml comes with electron-builder (the very parser it reads the file with).
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (s: string) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  win: { target: string; icon: string; artifactName: string };
  nsis: { oneClick: boolean; language: string; shortcutName: string };
  linux: { target: string[]; icon: string; category: string; maintainer: string };
  toolsets: { wine: string };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; productName: string; version: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it('names the app «Школьный офис», as package.json does, with its id; the version is package.json’s', () => {
    expect(config.productName).toBe('Школьный офис');
    expect(pkg.productName).toBe('Школьный офис');
    expect(config.appId).toBe('ru.school-office.desktop');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.stringify(config)).not.toContain('"version"');
  });

  it('builds the NSIS installer for Windows (on Linux with the Wine bundle electron-builder downloads), the AppImage and deb for Linux', () => {
    expect(config.toolsets.wine).toBe('1.0.1');
    expect(config.win.target).toBe('nsis');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.language).toBe('1049');
    expect(config.nsis.shortcutName).toBe('Школьный офис');
  });

  it('has the icon: a 512×512 RGBA PNG for Windows and Linux', () => {
    for (const icon of [config.win.icon, config.linux.icon]) {
      expect(icon).toBe('resources/icon.png');
      const png = readFileSync(join(ROOT, icon));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
      expect(png[25]).toBe(6); // RGBA
    }
    expect(existsSync(join(ROOT, 'scripts/make-icon.mjs'))).toBe(true);
  });

  it('the first start needs nothing else: the fonts ship as resources, better-sqlite3 is unpacked from the asar', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources/fonts', to: 'fonts' });
    expect(existsSync(join(ROOT, 'resources/fonts'))).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('`npm run dist` runs scripts/dist.mjs, which builds and calls electron-builder for the three targets', () => {
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    const script = readFileSync(join(ROOT, 'scripts/dist.mjs'), 'utf8');
    expect(script).toContain("'electron-vite', 'build'");
    expect(script).toContain("'--win', 'nsis', '--linux', 'AppImage', 'deb'");
    expect(script).toContain('AbortSignal.timeout');
  });
});
