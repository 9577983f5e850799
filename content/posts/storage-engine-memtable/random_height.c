// Tower heights for the memtable's skip list: P(height >= k) = 4^-(k-1).
// Build and run: cc -O2 -o random_height random_height.c && ./random_height
// The post shows the region "height" below; main() is the check behind its histogram.

// #region height
#include <stdint.h>

#define MAX_HEIGHT 12

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static inline uint64_t xorshift64star(void) {
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545f4914f6cdd1dull;
}

/* P(height >= k) = 4^-(k-1): every two trailing zero bits add a level. */
static inline int random_height(void) {
    uint64_t r = xorshift64star() | (1ull << 63); /* ctz(0) is undefined */
    int h = 1 + __builtin_ctzll(r) / 2;
    return h < MAX_HEIGHT ? h : MAX_HEIGHT;
}
// #endregion height

#include <stdio.h>

int main(void) {
    long counts[MAX_HEIGHT + 1] = {0};
    for (long i = 0; i < 1000000; i++) counts[random_height()]++;
    for (int h = 1; h <= MAX_HEIGHT; h++) printf("%2d %7ld\n", h, counts[h]);
    return 0;
}
