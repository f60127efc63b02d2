import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

describe('test instruments installed by tools/setup.sh', () => {
  it.each(['Nekobi', 'Kars'])('%s.vst3 is built from Debian dpf-plugins with its module', (name) => {
    const so = join(root, '.plugins/vst3', `${name}.vst3`, 'Contents/x86_64-linux', `${name}.so`);
    expect(existsSync(so)).toBe(true);
  });

  it('zam-plugins effects are installed', () => {
    expect(readdirSync('/usr/lib/vst3')).toEqual(expect.arrayContaining(['ZamComp.vst3', 'ZamDelay.vst3']));
  });

  it('the mda LV2 bundle is installed', () => {
    expect(existsSync('/usr/lib/lv2/mda.lv2/manifest.ttl')).toBe(true);
  });
});
