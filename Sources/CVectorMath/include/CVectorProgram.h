#ifndef WIJKSIM_CVECTORPROGRAM_H
#define WIJKSIM_CVECTORPROGRAM_H

#include <stddef.h>
#include <stdint.h>

/// A plugin step's vector arithmetic, run in one pass over the lanes.
///
/// While `step` runs, each `+`, `sim.min`, ... only records an instruction;
/// when it returns, the program runs tile by tile (a few hundred lanes of
/// whole blocks), every instruction over one tile before the next tile, so
/// intermediate values live in a handful of cache-resident registers instead
/// of one lane-wide buffer per operation (a 10-operation plugin made 10
/// passes over memory). Each instruction is the same exact IEEE kernel as
/// before, applied to the same numbers, so results are bit-identical.
///
/// Values come in two shapes: per lane (block × wijk), and per block (one
/// number per draw: the city average, a parameter drawn per draw or swept),
/// which is computed once per block instead of once per lane and spread
/// over the block's lanes (`WJS_OP_EXPAND`) where it meets a lane value.

enum {
    WJS_SOURCE_CONSTANT = 0, /* `value` in every lane */
    WJS_SOURCE_REGISTER = 1, /* register `index`: this tile's values of an earlier instruction */
    WJS_SOURCE_LANES = 2,    /* `base[lane]`: an engine buffer, per lane */
    WJS_SOURCE_BLOCKS = 3,   /* `base[block]`: an engine buffer, per block */
};

typedef struct {
    int32_t kind;
    int32_t index;
    const double *base;
    double value;
} wjs_source;

enum {
    WJS_OP_ADD, WJS_OP_SUB, WJS_OP_MUL, WJS_OP_DIV, WJS_OP_POW,
    WJS_OP_MIN, WJS_OP_MAX, WJS_OP_GT, WJS_OP_GE, WJS_OP_LT, WJS_OP_LE, WJS_OP_RAMP,
    WJS_OP_NEG, WJS_OP_ABS, WJS_OP_SQRT, WJS_OP_EXP, WJS_OP_LOG,
    WJS_OP_WHERE, WJS_OP_CLAMP,
    /* per-block a into every lane of its block */
    WJS_OP_EXPAND,
    /* a per-lane engine buffer's lanes of the reached wijken (see wjs_run_program) */
    WJS_OP_GATHER,
};

typedef struct {
    int32_t op;
    int32_t out;       /* register */
    int32_t per_block; /* computed per block, not per lane */
    int32_t arity;
    wjs_source a, b, c;
} wjs_instruction;

/// Where a step's results go: `ctx:add` (masked, per lane, into `target`)
/// or `ctx:spend` (masked sum over each block's lanes into `target[block]`).
typedef struct {
    int32_t is_spend;
    /* >= 0: also sum the value of this wijk's lane (where masked) into trace[block] */
    int32_t trace_wijk;
    double *target;
    double *trace;
    const double *mask;
    wjs_source value; /* per lane or constant */
    /* the sink's lane values, when not null (a spend's, or an add's that a
       kept run keeps for replay): capture[block * width + j] for
       the program's `width` lanes a block (the reached wijken, or every
       wijk with 0 where the mask stops it), as they are summed */
    double *capture;
} wjs_sink;

/// Runs `code` over `lanes` lanes (`lanes / w` blocks) in tiles of
/// `tile_blocks` blocks, then applies every sink to the tile in order.
/// With `reached` (the `reached_count` wijken, ascending, that the step's
/// mask lets through, fewer than `w`), only those wijken's lanes are
/// computed: an intervention in 5 of 18 wijken no longer computes 18.
/// Then no instruction or sink may read a per-lane buffer directly: each is
/// gathered into a register first (`WJS_OP_GATHER`). `registers` holds
/// registers of `tile_blocks * width + 4` doubles each (`width` = w, or
/// `reached_count`; room for the widened writes of `WJS_OP_EXPAND`).
/// Returns -1, or the index of a sink that met a non-finite value (its
/// sum, for a spend); the other sinks of that tile and the later tiles are
/// then not applied.
int wjs_run_program(const wjs_instruction *code, size_t count, const wjs_sink *sinks, size_t sink_count,
                    double *registers, size_t lanes, size_t w, const int32_t *reached,
                    size_t reached_count, size_t tile_blocks);

/// Without changing anything: the first lane (in lane order) where sink
/// `sink` meets a non-finite value (`*value` set to it), or -1 when none
/// does; for a spend whose lanes are all finite but whose block sum is not,
/// -2 with the block sum in `*value`.
long wjs_find_nonfinite(const wjs_instruction *code, size_t count, const wjs_sink *sinks, size_t sink,
                        double *registers, size_t lanes, size_t w, const int32_t *reached,
                        size_t reached_count, size_t tile_blocks, double *value);

/// One instruction on numbers: what it gives in every lane when all its
/// operands are the same in every lane (the same kernel, on one lane).
double wjs_apply_constant(int32_t op, double a, double b, double c);

#endif
