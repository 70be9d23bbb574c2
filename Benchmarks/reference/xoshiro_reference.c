/* Reference implementations, copied from https://prng.di.unimi.it/ (Blackman & Vigna):
   splitmix64.c and xoshiro256starstar.c (public domain). */
#include <stdio.h>
#include <stdint.h>
static uint64_t x; /* splitmix64 state */
uint64_t sm_next(void) {
	uint64_t z = (x += 0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
	return z ^ (z >> 31);
}
static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t s[4];
uint64_t next(void) {
	const uint64_t result = rotl(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;
	s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}
void jump(void) {
	static const uint64_t JUMP[] = { 0x180ec6d33cfd0aba, 0xd5a61266f0c9392c, 0xa9582618e03fc9aa, 0x39abdc4529b1661c };
	uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	for(int i = 0; i < sizeof JUMP / sizeof *JUMP; i++)
		for(int b = 0; b < 64; b++) {
			if (JUMP[i] & UINT64_C(1) << b) { s0 ^= s[0]; s1 ^= s[1]; s2 ^= s[2]; s3 ^= s[3]; }
			next();
		}
	s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
}
int main(void) {
	x = 0; printf("splitmix64 seed 0:"); for (int i = 0; i < 3; i++) printf(" 0x%016llx", (unsigned long long)sm_next()); printf("\n");
	x = 1234567; printf("splitmix64 seed 1234567:"); for (int i = 0; i < 5; i++) printf(" 0x%016llx", (unsigned long long)sm_next()); printf("\n");
	x = 42; for (int i = 0; i < 4; i++) s[i] = sm_next();
	printf("xoshiro state from splitmix64(42):"); for (int i = 0; i < 4; i++) printf(" 0x%016llx", (unsigned long long)s[i]); printf("\n");
	printf("xoshiro256** seed 42:"); for (int i = 0; i < 8; i++) printf(" 0x%016llx", (unsigned long long)next()); printf("\n");
	/* uniform of the 9th output */
	uint64_t u = next(); printf("9th output 0x%016llx uniform %.17g\n", (unsigned long long)u, (u >> 11) * 0x1.0p-53);
	jump(); printf("after jump:"); for (int i = 0; i < 3; i++) printf(" 0x%016llx", (unsigned long long)next()); printf("\n");
	s[0]=1; s[1]=2; s[2]=3; s[3]=4; printf("xoshiro256** state {1,2,3,4}:"); for (int i = 0; i < 6; i++) printf(" %llu", (unsigned long long)next()); printf("\n");
	return 0;
}
