#include "CVectorMath.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define EXPONENT 0x7FF0000000000000ULL

/* The tile a program runs on: blocks [block0, block0 + blocks), `width`
   lanes per block (every wijk, or only the `width` wijken in `reached`),
   `lanes` = blocks × width of them, the first at `lane0` in that layout;
   registers of `stride` doubles each. With `reached`, no instruction reads
   a per-lane engine buffer directly: `VectorArena.compile` gathers each
   into a register first (`WJS_OP_GATHER`). */
typedef struct {
    size_t lane0, lanes, block0, blocks, stride, w, width;
    const int32_t *reached;
    double *registers;
} tile;

static void gather(const double *base, const tile *t, double *out) {
    for (size_t b = 0; b < t->blocks; b++) {
        const double *block = base + (t->block0 + b) * t->w;
        for (size_t j = 0; j < t->width; j++) out[b * t->width + j] = block[t->reached[j]];
    }
}

static inline const double *pointer(const wjs_source *s, const tile *t, size_t *step) {
    switch (s->kind) {
    case WJS_SOURCE_REGISTER: *step = 1; return t->registers + (size_t)s->index * t->stride;
    case WJS_SOURCE_LANES: *step = 1; return s->base + t->lane0;
    case WJS_SOURCE_BLOCKS: *step = 1; return s->base + t->block0;
    default: *step = 0; return &s->value;
    }
}

typedef double wide4 __attribute__((vector_size(32), aligned(8)));

/* Each block's number into its w lanes, four at a time: a group may run past
   the block into the next one's lanes, which the next block then writes
   (registers have room for a group past the tile's last lane). */
static void expand(const double *x, size_t sx, double *out, size_t blocks, size_t w) {
    for (size_t b = 0; b < blocks; b++) {
        double v = x[sx ? b : 0];
        wide4 g = {v, v, v, v};
        for (size_t k = 0; k < w; k += 4) memcpy(out + b * w + k, &g, sizeof g);
    }
}

static void run_instruction(const wjs_instruction *in, const tile *t) {
    if (in->op == WJS_OP_GATHER) {
        double *out = t->registers + (size_t)in->out * t->stride;
        if (t->reached) gather(in->a.base, t, out);
        else memcpy(out, in->a.base + t->lane0, t->lanes * sizeof(double));
        return;
    }
    size_t sa = 0, sb = 0, sc = 0;
    const double *a = pointer(&in->a, t, &sa);
    const double *b = in->arity > 1 ? pointer(&in->b, t, &sb) : 0;
    const double *c = in->arity > 2 ? pointer(&in->c, t, &sc) : 0;
    double *out = t->registers + (size_t)in->out * t->stride;
    size_t n = in->per_block ? t->blocks : t->lanes;
    switch (in->op) {
    case WJS_OP_ADD: wjs_add(a, sa, b, sb, out, n); break;
    case WJS_OP_SUB: wjs_sub(a, sa, b, sb, out, n); break;
    case WJS_OP_MUL: wjs_mul(a, sa, b, sb, out, n); break;
    case WJS_OP_DIV: wjs_div(a, sa, b, sb, out, n); break;
    case WJS_OP_POW: wjs_pow(a, sa, b, sb, out, n); break;
    case WJS_OP_MIN: wjs_min(a, sa, b, sb, out, n); break;
    case WJS_OP_MAX: wjs_max(a, sa, b, sb, out, n); break;
    case WJS_OP_GT: wjs_gt(a, sa, b, sb, out, n); break;
    case WJS_OP_GE: wjs_ge(a, sa, b, sb, out, n); break;
    case WJS_OP_LT: wjs_lt(a, sa, b, sb, out, n); break;
    case WJS_OP_LE: wjs_le(a, sa, b, sb, out, n); break;
    case WJS_OP_RAMP: wjs_ramp(a, sa, b, sb, out, n); break;
    case WJS_OP_NEG: wjs_neg(a, sa, out, n); break;
    case WJS_OP_ABS: wjs_abs(a, sa, out, n); break;
    case WJS_OP_SQRT: wjs_sqrt(a, sa, out, n); break;
    case WJS_OP_EXP: wjs_exp(a, sa, out, n); break;
    case WJS_OP_LOG: wjs_log(a, sa, out, n); break;
    case WJS_OP_WHERE: wjs_where(a, sa, b, sb, c, sc, out, n); break;
    case WJS_OP_CLAMP: wjs_clamp(a, sa, b, sb, c, sc, out, n); break;
    case WJS_OP_EXPAND: expand(a, sa, out, t->blocks, t->width); break;
    }
}

/* Applies one sink to the tile; 0 when it met a non-finite value. */
static int apply(const wjs_sink *s, const tile *t) {
    size_t sv = 0, w = t->w;
    const double *v = pointer(&s->value, t, &sv);
    if (s->capture) {
        size_t width = t->width;
        const double *mask = t->reached ? 0 : s->mask + t->lane0;
        double *out = s->capture + t->block0 * width;
        for (size_t i = 0; i < t->lanes; i++) {
            double value = v[sv ? i : 0];
            out[i] = mask && mask[i] == 0 ? 0.0 : value;
        }
    }
    if (t->reached) return wjs_reached_add(v, sv, t->reached, t->width, w, t->blocks, s->is_spend,
                                           s->is_spend ? s->target + t->block0 : s->target + t->block0 * w,
                                           s->trace_wijk, s->trace ? s->trace + t->block0 : 0);
    const double *mask = s->mask + t->lane0;
    if (s->is_spend) return wjs_masked_block_add(v, sv, mask, w, t->lanes / w, s->target + t->block0);
    if (!wjs_masked_add(v, sv, mask, s->target + t->lane0, t->lanes)) return 0;
    if (s->trace_wijk >= 0) {
        size_t k = (size_t)s->trace_wijk;
        for (size_t b = 0; b < t->blocks; b++) {
            size_t lane = b * w + k;
            if (mask[lane] != 0) s->trace[t->block0 + b] += v[sv ? lane : 0];
        }
    }
    return 1;
}

/* Tiles of `tile_blocks` blocks from block `block0` on; `width` lanes per
   block. The register stride depends only on the tile size, not on the
   tile: the last tile may be shorter. */
static tile tile_at(size_t block0, size_t blocks, size_t w, const int32_t *reached, size_t width, size_t tile_blocks,
                    double *registers) {
    tile t;
    t.block0 = block0;
    t.blocks = blocks - block0 < tile_blocks ? blocks - block0 : tile_blocks;
    t.w = w;
    t.width = reached ? width : w;
    t.reached = reached;
    t.lane0 = block0 * t.width;
    t.lanes = t.blocks * t.width;
    t.stride = tile_blocks * t.width + 4;
    t.registers = registers;
    return t;
}

int wjs_run_program(const wjs_instruction *code, size_t count, const wjs_sink *sinks, size_t sink_count,
                    double *registers, size_t lanes, size_t w, const int32_t *reached,
                    size_t reached_count, size_t tile_blocks) {
    size_t blocks = lanes / w;
    for (size_t block0 = 0; block0 < blocks; block0 += tile_blocks) {
        tile t = tile_at(block0, blocks, w, reached, reached_count, tile_blocks, registers);
        for (size_t i = 0; i < count; i++) run_instruction(&code[i], &t);
        for (size_t s = 0; s < sink_count; s++)
            if (!apply(&sinks[s], &t)) return (int)s;
    }
    return -1;
}

static inline int is_finite(double v) {
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return (b & EXPONENT) != EXPONENT;
}

long wjs_find_nonfinite(const wjs_instruction *code, size_t count, const wjs_sink *sinks, size_t sink,
                        double *registers, size_t lanes, size_t w, const int32_t *reached,
                        size_t reached_count, size_t tile_blocks, double *value) {
    const wjs_sink *s = &sinks[sink];
    long overflow = -1;
    size_t blocks = lanes / w;
    for (size_t block0 = 0; block0 < blocks; block0 += tile_blocks) {
        tile t = tile_at(block0, blocks, w, reached, reached_count, tile_blocks, registers);
        for (size_t i = 0; i < count; i++) run_instruction(&code[i], &t);
        size_t sv = 0;
        const double *v = pointer(&s->value, &t, &sv);
        /* lane order: blocks, then wijken; the reached wijken are ascending */
        for (size_t b = 0; b < t.blocks; b++) {
            for (size_t j = 0; j < t.width; j++) {
                size_t k = reached ? (size_t)reached[j] : j;
                size_t lane = (t.block0 + b) * w + k;
                if (s->mask[lane] != 0 && !is_finite(v[sv ? b * t.width + j : 0])) {
                    *value = v[sv ? b * t.width + j : 0];
                    return (long)lane;
                }
            }
        }
        if (s->is_spend && overflow == -1) {
            for (size_t b = 0; b < t.blocks; b++) {
                double sum = 0;
                for (size_t j = 0; j < t.width; j++) {
                    size_t k = reached ? (size_t)reached[j] : j;
                    sum += s->mask[(t.block0 + b) * w + k] != 0 ? v[sv ? b * t.width + j : 0] : 0.0;
                }
                if (!is_finite(sum)) {
                    *value = sum;
                    overflow = -2;
                    break;
                }
            }
        }
    }
    return overflow;
}

double wjs_apply_constant(int32_t op, double a, double b, double c) {
    double out = 0;
    wjs_instruction in;
    memset(&in, 0, sizeof in);
    in.op = op;
    in.arity = 3;
    in.a.value = a;
    in.b.value = b;
    in.c.value = c;
    tile t = {0, 1, 0, 1, 1, 1, 1, 0, &out};
    run_instruction(&in, &t);
    return out;
}
