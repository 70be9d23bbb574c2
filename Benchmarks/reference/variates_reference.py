"""Independent Python re-implementation of SampleData's variates, used to compute the pinned values in
SampleDataTests.swift. Integer streams come from the C reference (Benchmarks/reference/xoshiro_reference.c, compiled with
`gcc -O2 xoshiro_reference.c && ./a.out`); this script reproduces them and applies the documented
conversions (53-bit uniform, Marsaglia polar normal, Poisson inversion below mean 10 and PTRS above).
Run: python3 variates_reference.py
"""
import math

M = (1 << 64) - 1


def splitmix64(seed):
    x = seed
    while True:
        x = (x + 0x9E3779B97F4A7C15) & M
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class Xoshiro:
    def __init__(self, seed):
        g = splitmix64(seed)
        self.s = [next(g) for _ in range(4)]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal_pair(self):
        while True:
            u = 2 * self.uniform() - 1
            v = 2 * self.uniform() - 1
            s = u * u + v * v
            if 0 < s < 1:
                f = math.sqrt(-2 * math.log(s) / s)
                return u * f, v * f

    def poisson(self, mean):
        if mean < 10:
            u = self.uniform()
            k = 0
            term = math.exp(-mean)
            c = term
            while c <= u:
                k += 1
                term *= mean / k
                n = c + term
                if n == c:
                    break
                c = n
            return k
        slam = math.sqrt(mean); loglam = math.log(mean)
        b = 0.931 + 2.53 * slam
        a = -0.059 + 0.02483 * b
        invalpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        while True:
            u = self.uniform() - 0.5
            v = self.uniform()
            us = 0.5 - abs(u)
            k = math.floor((2 * a / us + b) * u + mean + 0.43)
            if us >= 0.07 and v <= vr:
                return k
            if k < 0 or (us < 0.013 and v > us):
                continue
            if math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b) <= -mean + k * loglam - math.lgamma(k + 1):
                return k


g = Xoshiro(42)
print("outputs seed 42:", [hex(g.next()) for _ in range(8)])
g = Xoshiro(42)
print("uniforms seed 42:", [repr(g.uniform()) for _ in range(4)])
g = Xoshiro(7)
print("normal pairs seed 7:", [tuple(map(repr, g.normal_pair())) for _ in range(3)])
g = Xoshiro(7)
print("poisson(3) seed 7:", [g.poisson(3.0) for _ in range(12)])
g = Xoshiro(7)
print("poisson(50) seed 7:", [g.poisson(50.0) for _ in range(12)])
