"""The seeded row choice of @vstds/reader (seeded-random.ts), bit for bit: splitmix64 + partial Fisher–Yates."""
import math

_MASK = (1 << 64) - 1


def splitmix64(seed):
    """A callable returning doubles in [0, 1), the same sequence as the TypeScript splitmix64(seed)."""
    state = int(seed) & _MASK

    def next_double():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & _MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        z ^= z >> 31
        return (z >> 11) / 2.0**53

    return next_double


def sample_without_replacement(total, n, seed):
    """`n` distinct ordinals from range(total), in draw order; equals sampleWithoutReplacement(total, n, seed)."""
    rand = splitmix64(seed)
    swapped = {}
    out = []
    for i in range(n):
        # Same IEEE double product and floor as Math.floor(rand() * (total - i)).
        j = i + math.floor(rand() * (total - i))
        vi = swapped.get(i, i)
        vj = swapped.get(j, j)
        swapped[j] = vi
        out.append(vj)
    return out
