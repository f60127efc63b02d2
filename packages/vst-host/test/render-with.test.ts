import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { loadPlugin, renderWith } from '../src';
import { bytesOf, nekobi } from './plugins';

describe('renderWith', () => {
  it('renders a request stream in order, each output equal to a direct render', async () => {
    const plugin = await loadPlugin(nekobi, { reset: 'instance' });
    try {
      const rows = [30, 45, 60, 75].map((pitch, i) => ({
        id: i,
        pitch,
        cutoff: 0.2 + i * 0.2,
      }));
      const out = await lastValueFrom(
        from(rows).pipe(
          renderWith(plugin, {
            toRequest: (r) => ({
              params: { cutoff: r.cutoff },
              notes: [{ pitch: r.pitch, velocity: 100, start: 0, end: 0.2 }],
              seconds: 0.3,
            }),
          }),
          toArray(),
        ),
      );
      expect(out.map((o) => o.item.id)).toEqual([0, 1, 2, 3]);
      const direct = await plugin.render({
        params: { cutoff: 0.6 },
        notes: [{ pitch: 60, velocity: 100, start: 0, end: 0.2 }],
        seconds: 0.3,
      });
      expect(
        bytesOf(out[2].audio.channels).equals(bytesOf(direct.channels)),
      ).toBe(true);
      expect(
        bytesOf(out[1].audio.channels).equals(bytesOf(direct.channels)),
      ).toBe(false);
    } finally {
      plugin.close();
    }
  });

  it('takes requests directly and surfaces render errors to the subscriber', async () => {
    const plugin = await loadPlugin(nekobi);
    try {
      const ok = await lastValueFrom(
        from([{ seconds: 0.1 }]).pipe(renderWith(plugin), toArray()),
      );
      expect(ok[0].audio.channels[0]).toHaveLength(4410);
      await expect(
        lastValueFrom(
          from([{ seconds: 0.1 }, { seconds: -1 }]).pipe(renderWith(plugin)),
        ),
      ).rejects.toThrow(/seconds/);
    } finally {
      plugin.close();
    }
  });
});
